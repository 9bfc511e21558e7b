package io.ossaat.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a real engine that misbehaves on demand, for the failure modes a healthy engine does not
 * show: {@link #failing(boolean) answer 503} to every new connection (an engine that is not up yet) and
 * {@link #drop()} every open connection (a network cut mid-stream). Bytes pass through untouched otherwise, so the
 * client speaks to the real engine's HTTP, SSE and JSON.
 */
public final class FaultProxy implements AutoCloseable {

    private static final String STARTING = "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"not up yet\"}";
    private static final byte[] UNAVAILABLE = ("HTTP/1.1 503 Service Unavailable\r\n"
            + "Content-Type: application/problem+json\r\nContent-Length: " + STARTING.length()
            + "\r\nConnection: close\r\n\r\n" + STARTING).getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean failing;

    public FaultProxy(URI engine) {
        target = new InetSocketAddress(engine.getHost(), engine.getPort());
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread.ofVirtual().name("fault-proxy").start(this::accept);
    }

    /** The engine's URL through this proxy. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** true: every new connection gets a 503 and is closed; open connections are left alone. */
    public void failing(boolean on) {
        failing = on;
    }

    /** Cuts every open connection, both ways. */
    public void drop() {
        open.forEach(FaultProxy::closeQuietly);
        open.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("fault-proxy-conn").start(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try {
            if (failing) {
                try (client) {
                    readHead(client.getInputStream());
                    client.getOutputStream().write(UNAVAILABLE);
                }
                return;
            }
            Socket upstream = new Socket(target.getAddress(), target.getPort());
            open.add(client);
            open.add(upstream);
            Thread.ofVirtual().start(() -> pipe(upstream, client));
            pipe(client, upstream);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** Reads a request's head, so that closing after the answer does not reset a connection with unread bytes. */
    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }

    /** Copies until either side closes, then closes both: a half-open pair would hang the client. */
    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        drop();
    }
}

package io.ossaat.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.SharedEngine;
import org.junit.jupiter.api.Test;

/** A client that sends its request head a few bytes at a time is cut off; others are served meanwhile. */
class SlowLorisTest {
    /** How long a slow client would keep going if the server let it. */
    static final Duration CLIENT_WOULD_TAKE = Duration.ofSeconds(60);
    /** The headers' deadline plus slack for a loaded 2-core machine. */
    static final Duration CUT_OFF_WITHIN = ApiServer.HEAD_TIMEOUT.plusSeconds(6);
    /** The request line's: the idle limit plus the idle sweep's period plus slack. */
    static final Duration LINE_CUT_OFF_WITHIN = ApiServer.KEEP_ALIVE.plusSeconds(6);

    final Api api = SharedEngine.api();

    @Test
    void slowHeadersCloseTheConnection() throws Exception {
        Duration open = trickle("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n", i -> "X-Slow-" + i + ": y\r\n");
        assertThat(open).isLessThan(CUT_OFF_WITHIN);
    }

    @Test
    void aSlowRequestLineClosesTheConnection() throws Exception {
        String line = "GET /healthz?" + "a".repeat(200) + " HTTP/1.1\r\n";
        Duration open = trickle("", i -> i < line.length() ? String.valueOf(line.charAt(i)) : "a");
        assertThat(open).isLessThan(LINE_CUT_OFF_WITHIN);
    }

    @Test
    void manySlowClientsDoNotStopOthers() throws Exception {
        List<Future<Duration>> slow = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 50; c++) {
                slow.add(clients.submit(() -> trickle("POST /v1/plans HTTP/1.1\r\n", i -> "X-Slow-" + i + ": y\r\n")));
            }
            Thread.sleep(1000); // all of them are connected and trickling
            assertThat(api.get("/healthz").status()).isEqualTo(200);
            assertThat(api.get("/v1/plans?limit=1").status()).isEqualTo(200);
            for (Future<Duration> f : slow) {
                assertThat(f.get(CLIENT_WOULD_TAKE.toSeconds(), TimeUnit.SECONDS)).isLessThan(CUT_OFF_WITHIN);
            }
        }
    }

    /**
     * Sends {@code first}, then one piece every 200 ms until the server closes the connection or
     * {@link #CLIENT_WOULD_TAKE} passes; returns how long the connection stayed open.
     */
    static Duration trickle(String first, java.util.function.IntFunction<String> piece) throws IOException {
        URI base = URI.create(SharedEngine.api().base());
        long start = System.nanoTime();
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(200);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(first.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; System.nanoTime() - start < CLIENT_WOULD_TAKE.toNanos(); i++) {
                try {
                    if (in.read() == -1) {
                        break; // closed by the server
                    }
                } catch (java.net.SocketTimeoutException e) {
                    // still open: send the next piece
                }
                out.write(piece.apply(i).getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (java.net.SocketException e) {
            // reset by the server: closed too
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}

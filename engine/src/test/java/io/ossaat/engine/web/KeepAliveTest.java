package io.ossaat.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.SharedEngine;
import org.junit.jupiter.api.Test;

/**
 * A kept-alive connection serves the next request after a slow one. The server's idle sweep counts from the start of
 * the previous request; when its limit was the 5 s head deadline, a request that took longer (a busy machine) had its
 * connection closed right after the answer, without {@code Connection: close}, and the client's next call on it failed
 * ("other side closed").
 */
class KeepAliveTest {
    /** Longer than the head deadline (the old idle limit) plus the sweep's period, shorter than the body deadline. */
    static final Duration SLOW = ApiServer.HEAD_TIMEOUT.plusSeconds(2);

    final Api api = SharedEngine.api();

    @Test
    void theConnectionServesTheNextRequestAfterASlowOne() throws Exception {
        URI base = URI.create(api.base());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            String body = "{}";
            send(out, "POST /v1/plans HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + api.token()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n");
            Thread.sleep(SLOW.toMillis()); // the body comes late, so the request takes that long
            send(out, body);
            Response slow = Response.read(in);
            assertThat(slow.status()).as("the plan without a goal is refused").isEqualTo(400);
            assertThat(slow.headers().get("connection")).as("the engine did not say it closes").isNotEqualTo("close");
            long left = ApiServer.KEEP_ALIVE.minus(KeepAliveHeader.MARGIN).minus(SLOW).toSeconds();
            assertThat(slow.headers().get("keep-alive")).as("what is left of the idle limit after the slow answer")
                    .matches("timeout=\\d+")
                    .satisfies(v -> assertThat(Long.parseLong(v.substring("timeout=".length())))
                            .isBetween(ApiServer.MIN_KEEP_ALIVE.toSeconds(), left));

            send(out, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            Response next = Response.read(in);
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.body()).contains("ok");
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One HTTP/1.1 response, read off the socket. */
    record Response(int status, Map<String, String> headers, String body) {
        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("the engine closed the connection instead of answering");
            }
            Map<String, String> headers = new HashMap<>();
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
                    body.write(in.readNBytes(size));
                    line(in); // the CRLF after the chunk
                }
                line(in); // the empty line after the last chunk
            } else {
                body.write(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
            }
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers,
                    body.toString(StandardCharsets.UTF_8));
        }

        /** A CRLF-terminated line without its end, or null at the end of the stream. */
        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c == '\n') {
                    return b.toString(StandardCharsets.US_ASCII).stripTrailing();
                }
                b.write(c);
            }
            return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
        }
    }
}

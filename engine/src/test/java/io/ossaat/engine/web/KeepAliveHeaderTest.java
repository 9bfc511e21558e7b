package io.ossaat.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.sse.SseSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The keep-alive promise on a real server whose idle sweep is set up as the engine's, with a limit short enough for
 * a test: a client that waits as long as {@code Keep-Alive: timeout=N} says finds its connection open, also after a
 * slow answer (the server counts from the start of the previous request); an answer too slow to leave the minimum
 * says {@code Connection: close} and closes.
 */
class KeepAliveHeaderTest {
    static final Duration LIMIT = Duration.ofSeconds(10);
    static final Duration MINIMUM = Duration.ofSeconds(3);

    static WebServer server;

    @BeforeAll
    static void start() {
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .idleConnectionTimeout(LIMIT)
                .idleConnectionPeriod(Duration.ofSeconds(1))
                .shutdownGracePeriod(Duration.ofMillis(100))
                .routing(r -> r.addFilter(new KeepAliveHeader(LIMIT, MINIMUM))
                        .get("/wait/{ms}", (req, res) -> {
                            Thread.sleep(Long.parseLong(req.path().pathParameters().get("ms")));
                            res.send("ok");
                        })
                        .get("/events", (req, res) -> {
                            try (SseSink sink = res.sink(SseSink.TYPE)) {
                                sink.emit(SseEvent.create("one"));
                            }
                        }))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void theConnectionStaysOpenAsLongAsTheAnswerSaysAndASlowAnswerSaysLess() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();

            KeepAliveTest.Response fast = get(out, in, 0);
            assertThat(timeout(fast)).isBetween(MINIMUM.toSeconds(), LIMIT.minus(KeepAliveHeader.MARGIN).toSeconds());

            KeepAliveTest.Response slow = get(out, in, 4000);
            long left = timeout(slow);
            assertThat(left).as("the 4 s the answer took are not promised again")
                    .isBetween(MINIMUM.toSeconds(), LIMIT.minus(KeepAliveHeader.MARGIN).minusSeconds(4).toSeconds());
            Thread.sleep(Duration.ofSeconds(left).toMillis()); // a client that keeps the connection as long as told
            assertThat(get(out, in, 0).status()).isEqualTo(200);

            KeepAliveTest.Response tooSlow = get(out, in, 6000);
            assertThat(tooSlow.headers()).containsEntry("connection", "close").doesNotContainKey("keep-alive");
            assertThat(in.read()).as("the server closed the connection").isEqualTo(-1);
        }
    }

    @Test
    void anEventStreamClosesItsConnection() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            KeepAliveTest.Response stream = KeepAliveTest.Response.read(s.getInputStream());
            assertThat(stream.body()).contains("one");
            assertThat(stream.headers()).as("how long a stream lasts is unknown when it starts")
                    .containsEntry("connection", "close").doesNotContainKey("keep-alive");
        }
    }

    private static KeepAliveTest.Response get(OutputStream out, InputStream in, long ms) throws IOException {
        out.write(("GET /wait/" + ms + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        KeepAliveTest.Response r = KeepAliveTest.Response.read(in);
        assertThat(r.status()).isEqualTo(200);
        return r;
    }

    private static long timeout(KeepAliveTest.Response r) {
        assertThat(r.headers().get("connection")).isNotEqualTo("close");
        String value = r.headers().get("keep-alive");
        assertThat(value).matches("timeout=\\d+");
        return Long.parseLong(value.substring("timeout=".length()));
    }
}

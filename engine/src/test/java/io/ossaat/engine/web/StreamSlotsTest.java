package io.ossaat.engine.web;

import static io.ossaat.engine.web.ErrorResponsesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ossaat.engine.Engine;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A token may hold {@link StreamSlots#PER_PRINCIPAL} event streams open at once. A stream whose client closed its
 * connection no longer counts, although the engine has nothing to write to it until the next keep-alive; a client
 * that really holds them all open is refused with 429. Each stream is a socket of its own, as a browser's would be.
 */
class StreamSlotsTest {
    static final int CAP = StreamSlots.PER_PRINCIPAL;
    static Engine engine;
    static Api owner;

    @BeforeAll
    static void start() {
        engine = TestEngines.start();
        owner = TestEngines.api(engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void streamsTheirClientsClosedGiveTheirSlotsBackAtOnce() throws IOException {
        String token = newToken("reconnects often");
        closeAll(openAll(token, CAP));

        // long before the keep-alive that would find those connections closed
        List<RawStream> again = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) {
                RawStream s = RawStream.open(token, "/v1/events?tail=0");
                again.add(s);
                assertThat(s.status).as("stream %d after the first %d were closed: %s", i, CAP, s.body).isEqualTo(200);
            }
        } finally {
            closeAll(again);
        }
    }

    @Test
    void aTokenThatHoldsAllItsStreamsOpenIsRefusedWith429() throws IOException {
        String token = newToken("holds streams");
        List<RawStream> held = openAll(token, CAP);
        try {
            Api.Response r;
            try (RawStream refused = RawStream.open(token, "/v1/plans/" + owner.createPlan("watched").get("id")
                    .asText() + "/events")) {
                r = refused.response();
            }
            assertProblem(r, 429);
            assertThat(r.header("Retry-After")).isEqualTo("5");
            assertThat(r.header("RateLimit-Policy")).isEqualTo("\"token-streams\";q=" + CAP);
            assertThat(r.header("RateLimit")).isEqualTo("\"token-streams\";r=0;t=5");
            assertThat(r.json().get("detail").asText()).contains(CAP + " event streams open");

            try (RawStream other = RawStream.open(newToken("another"), "/v1/events?tail=0")) {
                assertThat(other.status).as("another token's stream").isEqualTo(200);
            }
            held.removeFirst().close();
            try (RawStream next = RawStream.open(token, "/v1/events?tail=0")) {
                assertThat(next.status).as("a stream after one of the %d was closed", CAP).isEqualTo(200);
            }
        } finally {
            closeAll(held);
        }
    }

    private static List<RawStream> openAll(String token, int n) throws IOException {
        List<RawStream> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RawStream s = RawStream.open(token, "/v1/events?tail=0");
            open.add(s);
            assertThat(s.status).as("stream %d of %d: %s", i, n, s.body).isEqualTo(200);
        }
        return open;
    }

    private static void closeAll(List<RawStream> streams) throws IOException {
        for (RawStream s : streams) {
            s.close();
        }
    }

    private static String newToken(String label) {
        Api.Response made = owner.post("/v1/tokens", "{\"role\":\"viewer\",\"label\":\"" + label + "\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json().get("token").asText();
    }

    /** A GET of an event stream on a socket of its own: the answer's head, and for 200 the open stream. */
    private static final class RawStream implements AutoCloseable {
        final Socket socket;
        final int status;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        String body = "";

        private RawStream(Socket socket, int status) {
            this.socket = socket;
            this.status = status;
        }

        static RawStream open(String token, String path) throws IOException {
            URI base = URI.create(owner.base());
            Socket socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            RawStream s = new RawStream(socket, Integer.parseInt(statusLine.split(" ")[1]));
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                s.headers.put(h.substring(0, colon).trim(), List.of(h.substring(colon + 1).trim()));
            }
            if (s.status == 200) {
                // open once its first bytes, a keep-alive comment, have come (chunked: size lines in between)
                for (String l = line(in); !l.equals(":keep-alive"); l = line(in)) {
                    // skip
                }
            } else {
                s.body = new String(in.readNBytes(Integer.parseInt(s.response().header("Content-Length"))),
                        StandardCharsets.UTF_8);
            }
            return s;
        }

        Api.Response response() {
            return new Api.Response(status, headers, body);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the connection closed mid-line: " + bytes);
                }
                bytes.write(b);
            }
            String s = bytes.toString(StandardCharsets.UTF_8);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

package io.ossaat.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Json;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.SharedEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every way a request can be wrong gets a problem+json answer: no 500, no hang, no stack trace. */
class ErrorResponsesTest {
    final Api api = SharedEngine.api();

    static void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception", "\tat ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"goal\":\"\"}                       | goal",
            "{\"goal\":\"   \"}                    | goal",
            "{}                                    | goal",
            "{\"goal\":42}                         | goal",
            "{\"goal\":\"ok\",\"agent\":7}         | agent",
            "{\"goal\":\"ok\",\"inputs\":[1]}      | inputs",
            "{\"goal\":\"ok\",\"labels\":{\"a\":1}} | labels.a",
            "{\"goal\":\"ok\",\"colour\":\"red\"}  | colour"})
    void fieldProblemsNameTheField(String body, String field) {
        Api.Response r = api.post("/v1/plans", body);
        assertProblem(r, 400);
        assertThat(r.json().get("errors").findValuesAsText("field")).contains(field);
    }

    @Test
    void goalOfMoreThan2048CharactersIsRejectedAnd2048IsAccepted() {
        assertProblem(api.post("/v1/plans", "{\"goal\":\"" + "g".repeat(2049) + "\"}"), 400);
        assertThat(api.post("/v1/plans", Api.planBody("g".repeat(2048))).status()).isEqualTo(201);
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(api.post("/v1/plans", "{\"goal\":"), 400);
        assertProblem(api.post("/v1/plans", "[1,2]"), 400);
        assertProblem(api.post("/v1/plans", "{\"goal\":\"a\",\"goal\":\"b\"}"), 400);
        assertProblem(api.post("/v1/plans", ""), 400);
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Api.Response r = api.send(api.builder("/v1/plans").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("goal=x")).build());
        assertProblem(r, 415);
    }

    @Test
    void unknownPlanIs404() {
        assertProblem(api.get("/v1/plans/pl_doesnotexist"), 404);
        assertProblem(api.get("/v1/plans/pl_doesnotexist/events"), 404);
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405WithAllow() {
        assertProblem(api.get("/v2/everything"), 404);
        Api.Response r = api.send(api.builder("/v1/plans").DELETE().build());
        assertProblem(r, 405);
        assertThat(r.header("Allow")).isEqualTo("GET, POST");
        assertProblem(api.send(api.builder("/healthz").POST(HttpRequest.BodyPublishers.noBody()).build()), 405);
    }

    @Test
    void missingOrWrongTokenIs401ButProbesAreOpen() {
        Api anonymous = new Api(api.base(), null);
        Api wrong = new Api(api.base(), "not-the-token-at-all");
        assertProblem(anonymous.get("/v1/plans"), 401);
        assertProblem(wrong.get("/v1/plans"), 401);
        assertThat(anonymous.get("/v1/plans").header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(anonymous.get("/healthz").status()).isEqualTo(200);
        assertThat(anonymous.get("/readyz").status()).isEqualTo(200);
        assertThat(anonymous.get("/metrics").status()).isEqualTo(200);
        // auth comes before routing: an unknown route does not reveal itself
        assertProblem(anonymous.get("/v2/secret"), 401);
    }

    @Test
    void badQueryValuesAre400() {
        assertProblem(api.get("/v1/plans?limit=0"), 400);
        assertProblem(api.get("/v1/plans?limit=201"), 400);
        assertProblem(api.get("/v1/plans?limit=ten"), 400);
        assertProblem(api.get("/v1/plans?state=sleeping"), 400);
        assertProblem(api.get("/v1/plans?cursor=!!!"), 400);
        assertProblem(api.get("/v1/plans?cursor=" + java.util.Base64.getUrlEncoder().encodeToString("x".getBytes())), 400);
    }

    @Test
    void aBadLastEventIdIs400() {
        Api.Response r = api.send(api.builder("/v1/events").header("Last-Event-ID", "yesterday").GET().build());
        assertProblem(r, 400);
    }

    @Test
    void aBodyOverOneMebibyteIs413() throws IOException {
        // raw: the server answers and closes before reading the body, which java.net.http may report as a reset
        byte[] big = ("{\"goal\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
        RawResponse r = raw(("POST /v1/plans HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + api.token()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + big.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        JsonNode p = Json.MAPPER.readTree(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(413);
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aChunkedBodyOverOneMebibyteIs413() throws IOException {
        String head = "POST /v1/plans HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + api.token()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20; i++) {
            body.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(chunk);
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        RawResponse r = raw(head.getBytes(StandardCharsets.US_ASCII), body.toByteArray());
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void badPercentEncodingIs400() throws IOException {
        RawResponse r = raw(("GET /v1/plans/%zz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + api.token()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), new byte[0]);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(Json.MAPPER.readTree(r.body()).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void anOverlongUriIs414AndOverlongHeadersAre4xx() throws IOException {
        RawResponse uri = raw(("GET /v1/plans/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), new byte[0]);
        assertThat(uri.status()).isEqualTo(414);
        assertThat(uri.contentType()).isEqualTo("application/problem+json");
        RawResponse headers = raw(("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(40_000) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), new byte[0]);
        assertThat(headers.status()).isBetween(400, 499);
        assertThat(headers.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aDeclaredBodyFarLargerThanWhatIsSentIs413AtOnce() throws IOException {
        RawResponse r = raw(("POST /v1/plans HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + api.token()
                + "\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                "{\"goal\":\"x\"}".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void aDeclaredBodyThatNeverArrivesEndsWithoutHangingForever() throws IOException {
        long start = System.nanoTime();
        RawResponse r = raw(("POST /v1/plans HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + api.token()
                + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                "{\"goal\":\"x\"".getBytes(StandardCharsets.US_ASCII));
        // cut off by the server's read timeout: either a 4xx problem or a closed connection, never a 500
        assertThat(r.status()).isNotEqualTo(500);
        assertThat(r.status() == -1 || (r.status() >= 400 && r.status() < 500)).as("status " + r.status()).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(ApiServer.READ_TIMEOUT.toNanos() * 3);
    }

    record RawResponse(int status, String contentType, String body) {
    }

    /** Sends raw bytes (what java.net.http refuses to send) and reads the response until the server closes. */
    RawResponse raw(byte[] head, byte[] body) throws IOException {
        URI base = URI.create(api.base());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(head);
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before reading everything
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    got.write(buf, 0, n);
                    String text = got.toString(StandardCharsets.ISO_8859_1);
                    int end = text.indexOf("\r\n\r\n");
                    if (end > 0) {
                        int len = contentLength(text.substring(0, end));
                        if (len >= 0 && got.size() >= end + 4 + len) {
                            break;
                        }
                    }
                }
            } catch (IOException e) {
                // reset after the response: keep what arrived
            }
            String text = got.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 ")) {
                return new RawResponse(-1, null, text);
            }
            int status = Integer.parseInt(text.substring(9, 12));
            int end = text.indexOf("\r\n\r\n");
            String headers = end < 0 ? text : text.substring(0, end);
            String type = headers.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse(null);
            return new RawResponse(status, type, end < 0 ? "" : text.substring(end + 4));
        }
    }

    private static int contentLength(String headers) {
        return headers.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(-1);
    }
}

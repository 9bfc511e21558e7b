package io.ossaat.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.SharedEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hundreds of hostile requests by class. Each must be answered with a 4xx application/problem+json (a client
 * mistake never looks like an outage), and the engine must still answer afterwards.
 */
class HostileInputTest {
    static final Api api = SharedEngine.api();

    /** One request: a method, a path, JSON body (or null) and raw extra header lines. */
    record Case(String method, String path, String body, String headers) {
        @Override
        public String toString() {
            String b = body == null ? "" : " " + body;
            String shown = method + " " + path + b + (headers.isEmpty() ? "" : " +" + headers.trim());
            return shown.length() > 120 ? shown.substring(0, 120) + "…" : shown;
        }
    }

    static Arguments post(String cls, String body) {
        return Arguments.of(cls, new Case("POST", "/v1/plans", body, ""));
    }

    static Arguments get(String cls, String path) {
        return Arguments.of(cls, new Case("GET", path, null, ""));
    }

    /**
     * A plan the engine would accept (reviewer needs no patch): what makes a case below a client error is its own
     * defect, not a missing input.
     */
    private static final String REVIEWER_PLAN = "{\"goal\":\"x\",\"agent\":\"reviewer\"}";

    static Stream<Arguments> deepNesting() {
        List<Arguments> cases = new ArrayList<>();
        for (int depth : new int[] {65, 100, 500, 1000, 1001, 5000, 20000}) {
            cases.add(post("nesting", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"inputs\":{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}}"));
            cases.add(post("nesting", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"inputs\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}"));
            cases.add(post("nesting", "[".repeat(depth) + "]".repeat(depth)));
            cases.add(post("nesting", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"inputs\":{\"a\":" + "[".repeat(depth))); // never closed
            cases.add(Arguments.of("nesting", new Case("POST", "/v1/plans/pl_00000000000000000000000000/cancel",
                    "{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}", "")));
        }
        return cases.stream();
    }

    static Stream<Arguments> hugeNumbersAndKeys() {
        List<Arguments> cases = new ArrayList<>();
        for (int digits : new int[] {101, 1000, 1001, 5000, 100_000}) {
            String n = "9".repeat(digits);
            cases.add(post("numbers", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"inputs\":{\"n\":" + n + "}}"));
            cases.add(post("numbers", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"inputs\":{\"n\":-" + n + "}}"));
            cases.add(post("numbers", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"inputs\":{\"n\":0." + n + "}}"));
            cases.add(post("numbers", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"inputs\":{\"n\":[1," + n + "]}}"));
            cases.add(post("numbers", "{\"goal\":" + n + "}"));
        }
        for (String e : new String[] {"1e999999", "-1e999999", "1e-999999", "1e400", "-1e400", "1E+2147483648",
                "1e9223372036854775808", "123456789e-2147483649"}) {
            cases.add(post("numbers", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"inputs\":{\"n\":" + e + "}}"));
            cases.add(post("numbers", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"inputs\":{\"deep\":{\"n\":[" + e + "]}}}"));
        }
        for (int length : new int[] {1001, 50_001, 100_000, 500_000}) {
            String key = "k".repeat(length);
            cases.add(post("keys", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"inputs\":{\"" + key + "\":1}}"));
            cases.add(post("keys", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"labels\":{\"" + key + "\":\"v\"}}"));
            cases.add(post("keys", "{\"" + key + "\":\"x\"}"));
        }
        return cases.stream();
    }

    static Stream<Arguments> nulCharacters() {
        List<Arguments> cases = new ArrayList<>();
        for (String nul : new String[] {"\\u0000", "a\\u0000", "\\u0000b", "a\\u0000b", "\\u0000\\u0000"}) {
            cases.add(post("nul", "{\"goal\":\"" + nul + "\"}"));
            cases.add(post("nul", "{\"goal\":\"x\",\"agent\":\"" + nul + "\"}"));
            cases.add(post("nul", "{\"goal\":\"x\",\"workspace\":\"/tmp/" + nul + "\"}"));
            cases.add(post("nul", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"inputs\":{\"testCommand\":\"" + nul + "\"}}"));
            cases.add(post("nul", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"inputs\":{\"" + nul + "\":1}}"));
            cases.add(post("nul", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"inputs\":{\"a\":[\"" + nul + "\"]}}"));
            cases.add(post("nul", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"inputs\":{\"a\":{\"b\":{\"c\":\"" + nul + "\"}}}}"));
            cases.add(post("nul", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"labels\":{\"team\":\"" + nul + "\"}}"));
            cases.add(post("nul", "{\"goal\":\"x\",\"agent\":\"reviewer\",\"labels\":{\"" + nul + "\":\"v\"}}"));
            cases.add(Arguments.of("nul", new Case("POST",
                    "/v1/plans/pl_00000000000000000000000000/steps/s1/approve", "{\"rationale\":\"" + nul + "\"}", "")));
        }
        for (String id : new String[] {"%00", "pl_%00", "pl_0000000000000000000000000%00", "%00%00%00", "a%00b"}) {
            cases.add(get("nul", "/v1/plans/" + id));
            cases.add(get("nul", "/v1/plans/" + id + "/events"));
            cases.add(Arguments.of("nul", new Case("POST", "/v1/plans/" + id + "/cancel", null, "")));
            cases.add(Arguments.of("nul", new Case("POST", "/v1/plans/pl_00000000000000000000000000/steps/" + id
                    + "/approve", "{}", "")));
            cases.add(get("nul", "/v1/slo/" + id));
        }
        for (String q : new String[] {"state=%00", "cursor=%00", "limit=%00", "state=running%00"}) {
            cases.add(get("nul", "/v1/plans?" + q));
        }
        cases.add(get("nul", "/v1/events?tail=%00"));
        cases.add(get("nul", "/v1/slo/api-availability?range=%00"));
        for (String header : new String[] {"Idempotency-Key: a\u0000b", "Idempotency-Key: \u0000",
                "Last-Event-ID: 1\u0000", "Content-Type: application/json\u0000"}) {
            String path = header.startsWith("Last-Event-ID") ? "/v1/events" : "/v1/plans";
            String method = header.startsWith("Last-Event-ID") ? "GET" : "POST";
            cases.add(Arguments.of("nul", new Case(method, path, method.equals("POST") ? REVIEWER_PLAN : null,
                    header + "\r\n")));
        }
        return cases.stream();
    }

    static Stream<Arguments> trailingData() {
        List<Arguments> cases = new ArrayList<>();
        for (String tail : new String[] {"}", "]", " trailing", "{\"goal\":\"y\"}", "[]", "1", "\"s\"", "null",
                ",", ",{}", " x", "\n{}", "//c", "/*c*/", "\u0000"}) {
            cases.add(post("trailing", REVIEWER_PLAN + tail));
            cases.add(Arguments.of("trailing", new Case("POST",
                    "/v1/plans/pl_00000000000000000000000000/cancel", "{}" + tail, "")));
        }
        return cases.stream();
    }

    static Stream<Arguments> edgesOfTypes() {
        List<Arguments> cases = new ArrayList<>();
        for (String raw : new String[] {"31556889864403199.0|x", "-31556889864403199.0|x", "9223372036854775807.0|x",
                "9223372036854775808.0|x", "0.9999999999|x", "0.-1|x", "1.1000000000|x", "-1.0|x", "1|x", "|x",
                "1.0", "1.0|", "1.0|" + "x".repeat(5000), "NaN.0|x", "1e3.0|x", "0x10.0|x", " 1.0|x",
                "1.0|\u0000", "1.0|pl_%", "99999999999999999999999.0|x"}) {
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
            cases.add(get("cursor", "/v1/plans?cursor=" + cursor));
        }
        for (String cursor : new String[] {"%%%", "====", "a", "!", "AAAA" + "A".repeat(10000)}) {
            cases.add(get("cursor", "/v1/plans?cursor=" + cursor));
        }
        for (String limit : new String[] {"0", "-1", "201", "2147483648", "-2147483649", "99999999999999999999",
                "1.5", "1e3", "0x10", " 5", "", "NaN"}) {
            cases.add(get("limit", "/v1/plans?limit=" + URLEncoder.encode(limit, StandardCharsets.UTF_8)));
        }
        for (String range : new String[] {"9999999999999999d", "9223372036854775807d", "9223372036854775808s",
                "-1h", "0d", "1ms", "4m", "38d", "1y", "h", "d", "1.5h", "1e3d", "99999999999999999999h",
                "2147483648m", "1d1h", ""}) {
            cases.add(get("range", "/v1/slo/api-availability?range=" + URLEncoder.encode(range, StandardCharsets.UTF_8)));
        }
        for (String tail : new String[] {"-1", "9223372036854775808", "99999999999999999999", "1.5", "x", ""}) {
            cases.add(get("tail", "/v1/events?tail=" + URLEncoder.encode(tail, StandardCharsets.UTF_8)));
        }
        for (String id : new String[] {"-1", "9223372036854775808", "99999999999999999999", "1.5", "x", "0x1"}) {
            cases.add(get("last-event-id", "/v1/events?lastEventId=" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
            cases.add(Arguments.of("last-event-id", new Case("GET", "/v1/events", null, "Last-Event-ID: " + id + "\r\n")));
        }
        return cases.stream();
    }

    static Stream<Arguments> malformedChunks() {
        List<Arguments> cases = new ArrayList<>();
        String body = "{\"goal\":\"x\"}";
        for (String chunks : new String[] {"zz\r\n" + body + "\r\n0\r\n\r\n", "FFFFFFFFFFFFFFFFFFFF\r\n" + body,
                "-5\r\n" + body + "\r\n0\r\n\r\n", "7FFFFFFFFFFFFFFF\r\n" + body, "8000000000000000\r\n" + body,
                "c\r\n" + body + "0\r\n\r\n", "c;ext=" + "e".repeat(10000) + "\r\n" + body + "\r\n0\r\n\r\n",
                "\r\n" + body + "\r\n0\r\n\r\n", " c\r\n" + body + "\r\n0\r\n\r\n", "c \r\n" + body + "\r\n0\r\n\r\n",
                "0x0c\r\n" + body + "\r\n0\r\n\r\n", "1\r\n{\r\nFFFFFFFFFFFFFFFFF\r\n", "c\n" + body + "\n0\n\n",
                "1\r\n{\r\n" + "g\r\n", "c\r\n" + body + "\r\n0\r\nX-Trailer: " + "t".repeat(20000) + "\r\n\r\n"}) {
            cases.add(Arguments.of("chunked", new Case("POST", "/v1/plans", null,
                    "Transfer-Encoding: chunked\r\n\r\n" + chunks)));
        }
        for (String te : new String[] {"gzip", "chunked, chunked", "identity", "chunked\r\nContent-Length: 12",
                "xchunked", "chunked\u0000"}) {
            cases.add(Arguments.of("chunked", new Case("POST", "/v1/plans", null,
                    "Transfer-Encoding: " + te + "\r\n\r\nc\r\n" + body + "\r\n0\r\n\r\n")));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource({"deepNesting", "hugeNumbersAndKeys", "nulCharacters", "trailingData", "edgesOfTypes",
            "malformedChunks"})
    void isAClientErrorWithAProblem(String cls, Case c) throws IOException {
        Raw r = send(c);
        assertThat(r.status).as("%s: %s\n%s", cls, c, r.text()).isBetween(400, 499);
        assertThat(r.head.toLowerCase()).as(r.text()).contains("content-type: application/problem+json");
        assertThat(r.body).as(r.text()).contains("\"status\":" + r.status).doesNotContain("Exception", "\tat ");
    }

    @AfterAll
    static void theEngineStillAnswers() {
        assertThat(api.get("/healthz").status()).isEqualTo(200);
        assertThat(api.createPlan("after the hostile requests").get("id").asText()).startsWith("pl_");
    }

    record Raw(int status, String head, String body) {
        String text() {
            return head + "\n\n" + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
        }
    }

    /** Sends the request as bytes over a socket, so nothing on the client side repairs it. */
    static Raw send(Case c) throws IOException {
        URI base = URI.create(api.base());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            String head = c.method() + " " + c.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + api.token() + "\r\n";
            boolean rawBody = c.headers().contains("\r\n\r\n");
            if (rawBody) {
                req.write((head + c.headers()).getBytes(StandardCharsets.UTF_8));
            } else {
                byte[] body = c.body() == null ? new byte[0] : c.body().getBytes(StandardCharsets.UTF_8);
                String type = c.headers().startsWith("Content-Type") ? "" : "Content-Type: application/json\r\n";
                req.write((head + type + c.headers() + (c.body() == null ? "" : "Content-Length: " + body.length + "\r\n")
                        + "\r\n").getBytes(StandardCharsets.UTF_8));
                req.write(body);
            }
            OutputStream out = s.getOutputStream();
            try {
                out.write(req.toByteArray());
                out.flush();
            } catch (java.net.SocketException e) {
                // the server may answer and close before taking the whole request
            }
            return read(s.getInputStream());
        }
    }

    /** Reads one response: its head, then Content-Length bytes (the server keeps the socket open a while). */
    static Raw read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String h = head.toString(StandardCharsets.ISO_8859_1);
            if (h.endsWith("\r\n\r\n")) {
                break;
            }
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        assertThat(h).as("no response at all").startsWith("HTTP/1.1 ");
        int status = Integer.parseInt(h.substring(9, 12));
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return new Raw(status, h.trim(), new String(body, StandardCharsets.UTF_8));
    }
}

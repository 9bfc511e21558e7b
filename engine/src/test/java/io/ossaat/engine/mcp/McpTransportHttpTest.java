package io.ossaat.engine.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.ossaat.engine.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transport at the HTTP level, with raw requests: status codes, headers and bodies as the spec wants them. */
class McpTransportHttpTest {

    private static final String BOTH = "application/json, text/event-stream";
    private static final McpJsonMapper JSON = McpJsonDefaults.getMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static McpTestServer server;

    @BeforeAll
    static void startServer() {
        server = McpTestServer.start(b -> b.principal(req -> req.headers()
                .first(io.helidon.http.HeaderNames.create("X-Test-Principal")).orElse(null)));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    // ------------------------------------------------------------------ the happy paths

    @Test
    void initializeAnswersJsonWithSessionIdAndTheNewestProtocol() throws Exception {
        HttpResponse<String> res = post(initialize("2025-11-25", 1), BOTH, null);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        assertThat(res.headers().firstValue("Mcp-Session-Id")).hasValueSatisfying(id -> assertThat(id).isNotBlank());
        Map<String, Object> body = json(res.body());
        assertThat(body).containsEntry("jsonrpc", "2.0").containsEntry("id", 1);
        assertThat(result(body)).containsEntry("protocolVersion", "2025-11-25");
        assertThat(result(body).get("serverInfo")).asInstanceOf(MAP).containsEntry("name", "ossaat");
    }

    @Test
    void olderSupportedProtocolVersionsAreKept() throws Exception {
        for (String version : List.of("2025-06-18", "2025-03-26")) {
            HttpResponse<String> res = post(initialize(version, 7), BOTH, null);
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(result(json(res.body()))).containsEntry("protocolVersion", version);
        }
    }

    @Test
    void unsupportedProtocolVersionIsAnsweredWithTheNewest() throws Exception {
        for (String version : List.of("2024-11-05", "1999-01-01")) {
            HttpResponse<String> res = post(initialize(version, 3), BOTH, null);
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(result(json(res.body()))).containsEntry("protocolVersion", "2025-11-25");
        }
    }

    @Test
    void notificationIsAcceptedWith202AndNoBody() throws Exception {
        String session = newSession();
        HttpResponse<String> res = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", BOTH,
                session);
        assertThat(res.statusCode()).isEqualTo(202);
        assertThat(res.body()).isEmpty();
    }

    @Test
    void requestIsAnsweredOnAnSseStreamWithMessageEvents() throws Exception {
        String session = newSession();
        HttpResponse<String> res = post("{\"jsonrpc\":\"2.0\",\"id\":\"t-1\",\"method\":\"tools/list\"}", BOTH,
                session);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("text/event-stream"));
        List<Map<String, Object>> messages = sseMessages(res.body());
        assertThat(messages).as(res.body()).hasSize(1);
        assertThat(messages.getFirst()).containsEntry("id", "t-1");
        assertThat(result(messages.getFirst()).get("tools")).asInstanceOf(LIST).hasSize(7);
    }

    @Test
    void progressIsStreamedBeforeTheResponse() throws Exception {
        String session = newSession();
        String call = """
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"create_plan",
                 "arguments":{"goal":"stream me","workspace":"%s","inputs":{"patch":"--- /dev/null\\n+++ b/NEW.md\\n@@ -0,0 +1 @@\\n+x\\n"}},"_meta":{"progressToken":"tok"}}}"""
                .formatted(io.ossaat.engine.testing.Workspaces.gitRepo());
        HttpResponse<InputStream> res = HTTP.send(request(call, BOTH, session).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(res.body(),
                StandardCharsets.UTF_8))) {
            Map<String, Object> first = nextMessage(lines);
            assertThat(first).containsEntry("method", "notifications/progress");
            assertThat(first.get("params")).asInstanceOf(MAP).containsEntry("progressToken", "tok");

            Map<String, Object> message = first;
            while (message.containsKey("method")) {
                assertThat(message).containsEntry("method", "notifications/progress");
                message = nextMessage(lines);
            }
            assertThat(message).containsEntry("id", 2);
            assertThat(result(message).get("structuredContent")).asInstanceOf(MAP)
                    .containsEntry("state", "waiting_approval");
            assertThat(lines.readLine()).as("the stream ends after the response").satisfiesAnyOf(
                    l -> assertThat(l).isNull(), l -> assertThat(l).isEmpty());
        }
    }

    /** Reads SSE lines up to the next message event and returns its JSON. */
    private static Map<String, Object> nextMessage(java.io.BufferedReader lines) throws IOException {
        boolean message = false;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.matches("event: ?message")) {
                message = true;
            } else if (message && line.startsWith("data:")) {
                return json(line.substring(5).strip());
            }
        }
        throw new AssertionError("the stream ended before a message");
    }

    @Test
    void unknownMethodIsAJsonRpcErrorOnTheStream() throws Exception {
        String session = newSession();
        HttpResponse<String> res = post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"no/such\"}", BOTH, session);
        Map<String, Object> error = error(sseMessages(res.body()).getFirst());
        assertThat(error).containsEntry("code", -32601);
    }

    @Test
    void getOpensTheListeningStream() throws Exception {
        String session = newSession();
        HttpRequest get = HttpRequest.newBuilder(server.mcpUri()).GET()
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", session).build();
        HttpResponse<InputStream> res = HTTP.send(get, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = res.body()) {
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("text/event-stream"));
            String first = new String(body.readNBytes(":stream open".length()), StandardCharsets.UTF_8);
            assertThat(first).isEqualTo(":stream open");
        }
    }

    @Test
    void deleteEndsTheSessionAndLaterRequestsGet404() throws Exception {
        String session = newSession();
        HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(server.mcpUri()).DELETE()
                .header("Mcp-Session-Id", session).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);

        HttpResponse<String> after = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", BOTH, session);
        assertThat(after.statusCode()).isEqualTo(404);
        assertThat(error(json(after.body())).get("message")).asString().contains("no such session");
    }

    // ------------------------------------------------------------------ session errors

    @Test
    void missingSessionIdIs400() throws Exception {
        HttpResponse<String> res = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", BOTH, null);
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(error(json(res.body())).get("message")).asString().contains("Mcp-Session-Id");
    }

    @Test
    void unknownSessionIs404ForEveryMethod() throws Exception {
        HttpResponse<String> post = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", BOTH,
                "no-such-session");
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(server.mcpUri()).GET()
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", "no-such-session").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> delete = HTTP.send(HttpRequest.newBuilder(server.mcpUri()).DELETE()
                .header("Mcp-Session-Id", "no-such-session").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(List.of(post.statusCode(), get.statusCode(), delete.statusCode())).containsOnly(404);
    }

    @Test
    void sessionIsBoundToThePrincipalThatOpenedIt() throws Exception {
        HttpResponse<String> init = HTTP.send(request(initialize("2025-11-25", 1), BOTH, null)
                .header("X-Test-Principal", "alice").build(), HttpResponse.BodyHandlers.ofString());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();

        HttpResponse<String> mallory = HTTP.send(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
                BOTH, session).header("X-Test-Principal", "mallory").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> alice = HTTP.send(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
                BOTH, session).header("X-Test-Principal", "alice").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(mallory.statusCode()).isEqualTo(404);
        assertThat(alice.statusCode()).isEqualTo(200);
    }

    @Test
    void unsupportedProtocolVersionHeaderIs400() throws Exception {
        String session = newSession();
        HttpResponse<String> res = HTTP.send(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", BOTH,
                session).header("MCP-Protocol-Version", "2099-01-01").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(error(json(res.body())).get("message")).asString().contains("MCP-Protocol-Version");
    }

    // ------------------------------------------------------------------ content negotiation

    @Test
    void acceptWithoutBothTypesIs406() throws Exception {
        for (String accept : List.of("application/json", "text/event-stream", "*/*", "text/html")) {
            HttpResponse<String> res = post(initialize("2025-11-25", 1), accept, null);
            assertThat(res.statusCode()).as(accept).isEqualTo(406);
            assertThat(error(json(res.body()))).containsKey("message");
        }
    }

    @Test
    void getWithoutEventStreamAcceptIs406() throws Exception {
        String session = newSession();
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(server.mcpUri()).GET()
                .header("Accept", "application/json").header("Mcp-Session-Id", session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(406);
    }

    @Test
    void bodyThatIsNotJsonContentIs415() throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(server.mcpUri())
                .POST(HttpRequest.BodyPublishers.ofString(initialize("2025-11-25", 1)))
                .header("Accept", BOTH).header("Content-Type", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(415);
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
                + "x".repeat(1 << 20) + "\"}}";
        HttpResponse<String> res = post(huge, BOTH, newSession());
        assertThat(res.statusCode()).isEqualTo(413);
    }

    @Test
    void otherHttpMethodsAre405() throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(server.mcpUri())
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(405);
        assertThat(res.headers().firstValue("Allow")).hasValue("GET, POST, DELETE");
    }

    // ------------------------------------------------------------------ malformed messages

    @Test
    void malformedJsonIsAParseErrorWithoutStackTrace() throws Exception {
        HttpResponse<String> res = post("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ", BOTH, newSession());

        assertThat(res.statusCode()).isEqualTo(400);
        Map<String, Object> body = json(res.body());
        assertThat(body).containsEntry("jsonrpc", "2.0").containsEntry("id", null);
        assertThat(error(body)).containsEntry("code", -32700);
        assertThat(res.body()).doesNotContain("at io.").doesNotContain("Exception").doesNotContain("stackTrace");
    }

    @Test
    void malformedJsonRpcIsAnInvalidRequestError() throws Exception {
        String session = newSession();
        Map<String, Integer> expected = Map.of(
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", -32600,
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", -32600,
                "{\"jsonrpc\":\"2.0\",\"id\":1}", -32600,
                "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}", -32600,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}", -32600,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[1]}", -32602,
                "\"just a string\"", -32600);
        for (var e : expected.entrySet()) {
            HttpResponse<String> res = post(e.getKey(), BOTH, session);
            assertThat(res.statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(error(json(res.body()))).as(e.getKey()).containsEntry("code", e.getValue());
            assertThat(res.body()).doesNotContain("Exception");
        }
    }

    @Test
    void malformedInitializeParamsAreInvalidParams() throws Exception {
        HttpResponse<String> res = post("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"initialize\",\"params\":{}}",
                BOTH, null);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        Map<String, Object> body = json(res.body());
        assertThat(body).containsEntry("id", 9);
        assertThat(error(body)).containsEntry("code", -32602);
    }

    // ------------------------------------------------------------------ Origin and Host

    @Test
    void foreignOriginIs403Problem() throws Exception {
        for (String origin : List.of("http://evil.example", "null", "http://localhost.evil.example:80")) {
            HttpResponse<String> res = HTTP.send(request(initialize("2025-11-25", 1), BOTH, null)
                    .header("Origin", origin).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(origin).isEqualTo(403);
            assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(res.body())).containsEntry("status", 403).containsEntry("title", "Forbidden");
        }
    }

    @Test
    void loopbackOriginOnAnyPortIsAllowed() throws Exception {
        for (String origin : List.of("http://localhost:5173", "http://127.0.0.1", "https://[::1]:8443")) {
            HttpResponse<String> res = HTTP.send(request(initialize("2025-11-25", 1), BOTH, null)
                    .header("Origin", origin).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(origin).isEqualTo(200);
        }
    }

    @Test
    void foreignHostIs403EvenWithoutOrigin() throws Exception {
        // java.net.http does not let a caller set Host, so this one goes over a plain socket
        String body = initialize("2025-11-25", 1);
        String raw = "POST /mcp HTTP/1.1\r\nHost: rebound.example:" + server.server.port() + "\r\n"
                + "Accept: " + BOTH + "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 403").contains("rebound.example");
        }
    }

    // ------------------------------------------------------------------ session housekeeping

    @Test
    void idleSessionsWithoutAnOpenStreamAreSwept() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T15:00:00Z"));
        try (McpTestServer own = McpTestServer.start(b -> b.clock(clock).sessionIdleTimeout(Duration.ofMinutes(30)))) {
            String idle = newSession(own);
            String listening = newSession(own);
            HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(own.mcpUri()).GET()
                    .header("Accept", "text/event-stream").header("Mcp-Session-Id", listening).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream ignored = stream.body()) {
                assertThat(own.transport.sweepIdleSessions()).isZero();

                clock.advance(Duration.ofMinutes(31));

                assertThat(own.transport.sweepIdleSessions()).isEqualTo(1);
                assertThat(post(own, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", idle).statusCode())
                        .isEqualTo(404);
                assertThat(post(own, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", listening)
                        .statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void sessionsAreCappedPerPrincipalAndInTotal() throws Exception {
        try (McpTestServer own = McpTestServer.start(b -> b.maxSessionsPerPrincipal(2).maxSessions(3))) {
            String first = newSession(own);
            newSession(own);
            HttpResponse<String> refused = post(own, initialize("2025-11-25", 1), null);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("\"error\"").contains("2 MCP sessions");

            HTTP.send(HttpRequest.newBuilder(own.mcpUri()).DELETE().header("Mcp-Session-Id", first).build(),
                    HttpResponse.BodyHandlers.discarding());
            newSession(own); // room again once one ended
        }
    }

    @Test
    void idleSessionsAreSweptOnATimerWithoutAnotherInitialize() throws Exception {
        try (McpTestServer own = McpTestServer.start(b -> b.sessionIdleTimeout(Duration.ofSeconds(1)))) {
            newSession(own);
            assertThat(own.transport.sessionCount()).isEqualTo(1);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> own.transport.sessionCount() == 0);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String newSession() throws IOException, InterruptedException {
        return newSession(server);
    }

    private static String newSession(McpTestServer target) throws IOException, InterruptedException {
        HttpResponse<String> res = post(target, initialize("2025-11-25", 1), null);
        assertThat(res.statusCode()).isEqualTo(200);
        return res.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    private static HttpResponse<String> post(McpTestServer target, String body, String session)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.mcpUri())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Accept", BOTH)
                .timeout(Duration.ofSeconds(10));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String initialize(String version, int id) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"initialize","params":{"protocolVersion":"%s",
                 "capabilities":{},"clientInfo":{"name":"raw-test","version":"1"}}}""".formatted(id, version);
    }

    private static HttpRequest.Builder request(String body, String accept, String session) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.mcpUri())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(10));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return b;
    }

    private static HttpResponse<String> post(String body, String accept, String session)
            throws IOException, InterruptedException {
        return HTTP.send(request(body, accept, session).build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) throws IOException {
        return JSON.readValue(body, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(Map<String, Object> message) {
        assertThat(message).containsKey("result");
        return (Map<String, Object>) message.get("result");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(Map<String, Object> message) {
        assertThat(message).containsKey("error");
        return (Map<String, Object>) message.get("error");
    }

    private static List<Map<String, Object>> sseMessages(String stream) throws IOException {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (String event : stream.split("\n\n")) {
            // SSE allows "event:message" and "event: message" alike; Helidon writes the former
            if (event.lines().anyMatch(l -> l.matches("event: ?message"))) {
                String data = event.lines().filter(l -> l.startsWith("data:"))
                        .map(l -> l.substring(5).strip()).reduce("", String::concat);
                messages.add(json(data));
            }
        }
        return messages;
    }

    private static final org.assertj.core.api.InstanceOfAssertFactory<Map, org.assertj.core.api.MapAssert<Object,
            Object>> MAP = org.assertj.core.api.InstanceOfAssertFactories.MAP;
    private static final org.assertj.core.api.InstanceOfAssertFactory<List, org.assertj.core.api.ListAssert<Object>>
            LIST = org.assertj.core.api.InstanceOfAssertFactories.LIST;
}

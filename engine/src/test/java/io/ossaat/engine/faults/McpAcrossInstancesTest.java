package io.ossaat.engine.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;

import io.ossaat.engine.DataDir;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.EngineProcess;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.Test;

/**
 * An MCP client behind a round-robin proxy: each request of one session reaches another engine on the same
 * Postgres. The session is kept in the database, so no engine answers 404 for a session another one started, and
 * a session ended on one engine is gone on all.
 */
class McpAcrossInstancesTest {
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"round-robin","version":"1"}}}""";

    @Test
    void aSessionStartedOnOneEngineIsServedAndEndedOnAnotherAndOnlyForItsCaller() throws Exception {
        Path base = TestEngines.newDataDir();
        try (SharedStorage storage = new SharedStorage(base)) {
            Path dirA = base.resolve("a");
            Path dirB = base.resolve("b");
            DataDir.prepare(dirA);
            DataDir.prepare(dirB);
            try (EngineProcess a = EngineProcess.start(dirA, "--db-url", storage.dbUrl(), "--redis-url",
                    storage.redisUrl());
                 EngineProcess b = EngineProcess.start(dirB, "--db-url", storage.dbUrl(), "--redis-url",
                         storage.redisUrl())) {
                Api.Response init = mcp(a.api(), null, INITIALIZE);
                assertThat(init.status()).isEqualTo(200);
                String session = init.header("Mcp-Session-Id");
                assertThat(session).isNotBlank();

                assertThat(mcp(b.api(), session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                        .status()).as("a notification on the other engine").isEqualTo(202);
                Api.Response tools = mcp(b.api(), session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
                assertThat(tools.status()).as(tools.body()).isEqualTo(200);
                assertThat(tools.body()).contains("\"id\":2").contains("create_plan");
                Api.Response call = mcp(a.api(), session, """
                        {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_plans","arguments":{}}}""");
                assertThat(call.status()).as("back on the first engine").isEqualTo(200);
                assertThat(call.body()).contains("\"id\":3").doesNotContain("\"error\"");

                String viewer = a.api().post("/v1/tokens", "{\"role\":\"viewer\",\"label\":\"watcher\"}").json()
                        .get("token").asText();
                assertThat(mcp(new Api(b.api().base(), viewer), session,
                        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\"}").status())
                        .as("another caller, on the engine that did not start the session").isEqualTo(404);

                assertThat(b.api().send(b.api().builder("/mcp").header("Mcp-Session-Id", session).DELETE().build())
                        .status()).isEqualTo(200);
                assertThat(mcp(a.api(), session, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}").status())
                        .as("ended on the other engine").isEqualTo(404);
            }
        }
    }

    private static Api.Response mcp(Api api, String session, String body) {
        HttpRequest.Builder b = api.builder("/mcp").header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return api.send(b.build());
    }
}

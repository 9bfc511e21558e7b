package io.ossaat.engine.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.ossaat.engine.Engine;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.SharedEngine;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.Test;

/** A plan created, watched and approved entirely through MCP, against the real engine with its token. */
class EngineMcpTest {
    final Engine engine = SharedEngine.get();

    McpSyncClient client(List<McpSchema.ProgressNotification> progress, List<String> updated) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(engine.url())
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + engine.token().value()))
                .build();
        McpSyncClient c = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .clientInfo(new McpSchema.Implementation("engine-mcp-test", "1"))
                .progressConsumer(progress::add)
                .resourcesUpdateConsumer(list -> list.forEach(r -> updated.add(r.uri())))
                .build();
        c.initialize();
        return c;
    }

    @Test
    @SuppressWarnings("unchecked")
    void createWatchAndApproveAPlanThroughMcp() throws Exception {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        List<String> updated = new CopyOnWriteArrayList<>();
        try (McpSyncClient mcp = client(progress, updated)) {
            var ws = Workspaces.gitRepo();
            McpSchema.CallToolResult created = java.util.concurrent.CompletableFuture.supplyAsync(() -> mcp.callTool(
                    McpSchema.CallToolRequest.builder("create_plan")
                            .arguments(Map.of("goal", "via mcp", "workspace", ws.toString(),
                                    "inputs", Map.of("patch", Workspaces.NEW_FILE_PATCH, "testCommand", "test -f NEW.md")))
                            .progressToken("p1").build()),
                    java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).get();
            assertThat(created.isError()).as(String.valueOf(created.content())).isNotEqualTo(Boolean.TRUE);
            Map<String, Object> plan = (Map<String, Object>) created.structuredContent();
            String id = (String) plan.get("id");
            // create_plan with a progress token follows the plan until it waits for a human
            assertThat(plan.get("state")).isEqualTo("waiting_approval");
            assertThat(progress).isNotEmpty();

            mcp.subscribeResource(new McpSchema.SubscribeRequest(OssaatMcpServer.planUri(id)));
            McpSchema.CallToolResult approved = mcp.callTool(new McpSchema.CallToolRequest("approve_step",
                    Map.of("planId", id, "stepId", "apply_changes", "rationale", "from the agent")));
            assertThat(approved.isError()).isNotEqualTo(Boolean.TRUE);
            await().atMost(Duration.ofSeconds(30)).until(() -> engine.plans().get(id).step("apply_changes").stateWire()
                    .equals("completed"));
            // the supplied test command waits for a human, so the plan is still open and its worktree still there
            await().atMost(Duration.ofSeconds(30)).until(() -> engine.plans().get(id).step("run_tests").stateWire()
                    .equals("waiting_approval"));
            assertThat(Path.of(engine.plans().get(id).worktree(), "NEW.md")).exists();
            assertThat(ws.resolve("NEW.md")).as("the user's checkout is untouched").doesNotExist();
            await().atMost(Duration.ofSeconds(10)).until(() -> updated.contains(OssaatMcpServer.planUri(id)));

            McpSchema.CallToolResult again = mcp.callTool(new McpSchema.CallToolRequest("approve_step",
                    Map.of("planId", id, "stepId", "apply_changes")));
            assertThat(again.isError()).isTrue();

            McpSchema.ReadResourceResult read = mcp.readResource(new McpSchema.ReadResourceRequest(OssaatMcpServer.planUri(id)));
            assertThat(((McpSchema.TextResourceContents) read.contents().getFirst()).text()).contains(id);
            McpSchema.CallToolResult slo = mcp.callTool(new McpSchema.CallToolRequest("get_slo_status", Map.of()));
            assertThat(String.valueOf(slo.structuredContent())).contains("api-availability");
        }
    }

    @Test
    void theEndpointNeedsTheBearerToken() {
        Api anonymous = new Api(engine.url(), null);
        Api.Response r = anonymous.send(anonymous.builder("/mcp").header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build());
        assertThat(r.status()).isEqualTo(401);
    }
}

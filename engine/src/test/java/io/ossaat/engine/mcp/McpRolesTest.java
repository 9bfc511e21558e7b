package io.ossaat.engine.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.ossaat.engine.Json;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.SharedEngine;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.Test;

/**
 * Over MCP a session sees only the tools its token's role may call: an LLM holding an agent token can create a
 * plan but has no approve_step or reject_step, and calling them anyway fails; an approver's session decides, and
 * the decision is recorded under the approver's label and role.
 */
class McpRolesTest {
    final Api owner = SharedEngine.api();

    @Test
    @SuppressWarnings("unchecked")
    void anAgentSessionCannotApproveWhatItCreatedAndAnApproverSessionCan() {
        try (McpSyncClient agent = client(make("agent", "claude-mcp"));
             McpSyncClient approver = client(make("approver", "carol"))) {
            assertThat(agent.listTools().tools()).extracting(McpSchema.Tool::name)
                    .contains("create_plan", "get_plan", "cancel_plan").doesNotContain("approve_step", "reject_step");
            assertThat(approver.listTools().tools()).extracting(McpSchema.Tool::name)
                    .contains("approve_step", "reject_step").doesNotContain("create_plan");

            McpSchema.CallToolResult created = agent.callTool(McpSchema.CallToolRequest.builder("create_plan")
                    .arguments(Map.of("goal", "mcp roles", "workspace", Workspaces.gitRepo().toString(),
                            "inputs", Map.of("patch", Workspaces.NEW_FILE_PATCH, "testCommand", "test -f NEW.md")))
                    .build());
            assertThat(created.isError()).as(String.valueOf(created.content())).isNotEqualTo(Boolean.TRUE);
            String id = (String) ((Map<String, Object>) created.structuredContent()).get("id");
            await().atMost(Duration.ofSeconds(30)).until(() -> state(id, "apply_changes").equals("waiting_approval"));

            McpSchema.CallToolResult self = callQuietly(agent, "approve_step",
                    Map.of("planId", id, "stepId", "apply_changes"));
            assertThat(self.isError()).isTrue();
            assertThat(state(id, "apply_changes")).isEqualTo("waiting_approval");

            McpSchema.CallToolResult ok = approver.callTool(McpSchema.CallToolRequest.builder("approve_step")
                    .arguments(Map.of("planId", id, "stepId", "apply_changes", "rationale", "diff read")).build());
            assertThat(ok.isError()).as(String.valueOf(ok.content())).isNotEqualTo(Boolean.TRUE);
            JsonNode approval = step(id, "apply_changes").get("approval");
            assertThat(approval.get("decidedBy").asText()).isEqualTo("carol");
            assertThat(approval.get("decidedByRole").asText()).isEqualTo("approver");

            await().atMost(Duration.ofSeconds(30)).until(() -> state(id, "run_tests").equals("waiting_approval"));
            Map<String, Object> plan = (Map<String, Object>) agent.callTool(McpSchema.CallToolRequest
                    .builder("get_plan").arguments(Map.of("id", id)).build()).structuredContent();
            assertThat(Json.write(plan)).as("MCP shows the command a human approves").contains("\"command\":\"test -f NEW.md\"");
        }
    }

    @Test
    void aViewerSessionOnlyReads() {
        try (McpSyncClient viewer = client(make("viewer", "board-mcp"))) {
            assertThat(viewer.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("list_plans", "get_plan", "get_slo_status");
        }
    }

    private McpSyncClient client(String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(owner.base())
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient c = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .clientInfo(new McpSchema.Implementation("mcp-roles-test", "1")).build();
        c.initialize();
        return c;
    }

    private static McpSchema.CallToolResult callQuietly(McpSyncClient c, String tool, Map<String, Object> args) {
        try {
            return c.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
        } catch (RuntimeException e) { // an unknown tool is a JSON-RPC error
            return McpSchema.CallToolResult.builder().addTextContent(e.getMessage()).isError(true).build();
        }
    }

    private String make(String role, String label) {
        Api.Response r = owner.post("/v1/tokens", Json.write(Map.of("role", role, "label", label)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    private JsonNode step(String planId, String stepId) {
        for (JsonNode s : owner.get("/v1/plans/" + planId).json().get("steps")) {
            if (s.get("id").asText().equals(stepId)) {
                return s;
            }
        }
        throw new AssertionError("no step " + stepId);
    }

    private String state(String planId, String stepId) {
        return step(planId, stepId).get("state").asText();
    }
}

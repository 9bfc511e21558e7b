package io.ossaat.engine.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoint as MCP clients see it: the SDK's own Java client against a real server. */
class McpEndpointTest {

    private static McpTestServer server;

    @BeforeAll
    static void startServer() {
        server = McpTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void initializeAgreesOnTheNewestProtocolAndOffersToolsResourcesAndLogging() {
        try (McpSyncClient client = client(spec -> { })) {
            McpSchema.InitializeResult init = client.initialize();

            assertThat(init.protocolVersion()).isEqualTo("2025-11-25");
            assertThat(init.serverInfo().name()).isEqualTo("ossaat");
            assertThat(init.capabilities().tools()).isNotNull();
            assertThat(init.capabilities().resources().subscribe()).isTrue();
            assertThat(init.capabilities().logging()).isNotNull();
            assertThat(init.instructions()).contains("create_plan", "approve_step");
        }
    }

    @Test
    void clientLimitedToAnOlderProtocolStillWorks() {
        try (McpSyncClient client = client(spec -> { }, List.of("2025-03-26"))) {
            assertThat(client.initialize().protocolVersion()).isEqualTo("2025-03-26");
            assertThat(call(client, "get_slo_status", Map.of()).isError()).isNotEqualTo(Boolean.TRUE);
        }
    }

    @Test
    void toolsCarrySchemasAndHonestAnnotations() {
        try (McpSyncClient client = client(spec -> { })) {
            client.initialize();
            Map<String, McpSchema.Tool> tools = client.listTools().tools().stream()
                    .collect(Collectors.toMap(McpSchema.Tool::name, Function.identity()));

            assertThat(tools).containsOnlyKeys("create_plan", "list_plans", "get_plan", "approve_step",
                    "reject_step", "cancel_plan", "get_slo_status");
            tools.values().forEach(tool -> {
                assertThat(tool.inputSchema()).as(tool.name()).containsEntry("type", "object");
                assertThat(tool.outputSchema()).as(tool.name()).containsEntry("type", "object");
                assertThat(tool.description()).as(tool.name()).isNotBlank();
            });
            assertThat(tools.get("create_plan").inputSchema()).containsEntry("required", List.of("goal"));
            assertThat(tools.get("create_plan").inputSchema().get("properties"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsOnlyKeys("goal", "agent", "workspace", "inputs");
            assertThat(tools.get("approve_step").inputSchema())
                    .containsEntry("required", List.of("planId", "stepId"));
            assertThat(tools.get("get_plan").outputSchema().get("required")).asInstanceOf(
                    org.assertj.core.api.InstanceOfAssertFactories.LIST).contains("id", "state", "steps");

            assertThat(hints(tools, "list_plans")).containsExactly(true, false, true);
            assertThat(hints(tools, "get_plan")).containsExactly(true, false, true);
            assertThat(hints(tools, "get_slo_status")).containsExactly(true, false, true);
            assertThat(hints(tools, "create_plan")).containsExactly(false, false, false);
            assertThat(hints(tools, "approve_step")).containsExactly(false, false, false);
            assertThat(hints(tools, "reject_step")).containsExactly(false, true, false);
            assertThat(hints(tools, "cancel_plan")).containsExactly(false, true, true);
        }
    }

    @Test
    void everyToolWorksEndToEnd() {
        try (McpSyncClient client = client(spec -> { })) {
            client.initialize();

            Map<String, Object> created = structured(call(client, "create_plan", Map.of("goal", "fix the build",
                    "workspace", "/work/repo", "inputs", Map.of("testCommand", "mvn test"))));
            String planId = (String) created.get("id");
            assertThat(created).containsEntry("goal", "fix the build").containsEntry("state", "running");
            assertThat(created.get("inputs")).isEqualTo(Map.of("testCommand", "mvn test"));
            assertThat(created.get("steps")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .hasSize(3);

            Map<String, Object> page = structured(call(client, "list_plans", Map.of("state", "running",
                    "limit", 100)));
            assertThat(page.get("items")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .extracting(item -> (Object) ((Map<?, ?>) item).get("id")).contains((Object) planId);

            assertThat(structured(call(client, "get_plan", Map.of("id", planId)))).containsEntry("id", planId);

            server.backend.move(planId, "s1", "completed");
            server.backend.move(planId, "s2", "waiting_approval");
            Map<String, Object> approved = structured(call(client, "approve_step",
                    Map.of("planId", planId, "stepId", "s2", "rationale", "patch reviewed")));
            assertThat(stepState(approved, "s2")).isEqualTo("queued");

            String second = (String) structured(call(client, "create_plan", Map.of("goal", "risky"))).get("id");
            server.backend.move(second, "s2", "waiting_approval");
            Map<String, Object> rejected = structured(call(client, "reject_step",
                    Map.of("planId", second, "stepId", "s2")));
            assertThat(rejected).containsEntry("state", "rejected");

            String third = (String) structured(call(client, "create_plan", Map.of("goal", "never mind"))).get("id");
            assertThat(structured(call(client, "cancel_plan", Map.of("planId", third))))
                    .containsEntry("state", "cancelled");

            Map<String, Object> slo = structured(call(client, "get_slo_status", Map.of()));
            assertThat(slo.get("slos")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("name", "plan-create-latency");
        }
    }

    @Test
    void toolResultsCarryTheStructuredContentAlsoAsText() throws Exception {
        try (McpSyncClient client = client(spec -> { })) {
            client.initialize();
            McpSchema.CallToolResult result = call(client, "get_slo_status", Map.of());

            assertThat(result.content()).singleElement().isInstanceOf(McpSchema.TextContent.class);
            String text = ((McpSchema.TextContent) result.content().getFirst()).text();
            assertThat(io.modelcontextprotocol.json.McpJsonDefaults.getMapper().readValue(text, Map.class))
                    .isEqualTo(result.structuredContent());
        }
    }

    @Test
    void backendRefusalsAreToolErrorsWithAClearMessage() {
        try (McpSyncClient client = client(spec -> { })) {
            client.initialize();
            String planId = (String) structured(call(client, "create_plan", Map.of("goal", "g"))).get("id");

            assertToolError(call(client, "get_plan", Map.of("id", "nope")), "Not found: plan nope does not exist");
            assertToolError(call(client, "approve_step", Map.of("planId", planId, "stepId", "s2")),
                    "Conflict: step s2 does not wait for approval (it is pending)");
            assertToolError(call(client, "approve_step", Map.of("planId", planId, "stepId", "s9")),
                    "Not found: plan " + planId + " has no step s9");
            assertToolError(call(client, "list_plans", Map.of("cursor", "bogus")), "Invalid input: cursor 'bogus'");
            assertToolError(call(client, "create_plan", Map.of("goal", "g", "agent", "nobody")),
                    "Invalid input: unknown agent 'nobody'");
        }
    }

    @Test
    void argumentsOutsideTheSchemaAreToolErrors() {
        try (McpSyncClient client = client(spec -> { })) {
            client.initialize();
            assertThat(call(client, "list_plans", Map.of("limit", 0)).isError()).isTrue();
            assertThat(call(client, "get_plan", Map.of()).isError()).isTrue();
            assertThat(call(client, "create_plan", Map.of("goal", 42)).isError()).isTrue();
        }
    }

    @Test
    void plansAndSloAreReadableResources() {
        try (McpSyncClient client = client(spec -> { })) {
            client.initialize();
            String planId = (String) structured(call(client, "create_plan", Map.of("goal", "read me"))).get("id");

            assertThat(client.listResourceTemplates().resourceTemplates())
                    .extracting(McpSchema.ResourceTemplate::uriTemplate).containsExactly("ossaat://plans/{id}");
            assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
                    .containsExactly("ossaat://slo");

            McpSchema.TextResourceContents plan = text(client.readResource(
                    new McpSchema.ReadResourceRequest(OssaatMcpServer.planUri(planId))));
            assertThat(plan.mimeType()).isEqualTo("application/json");
            assertThat(plan.text()).contains("\"id\":\"" + planId + "\"", "\"goal\":\"read me\"");

            assertThat(text(client.readResource(new McpSchema.ReadResourceRequest("ossaat://slo"))).text())
                    .contains("plan-create-latency");

            assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest("ossaat://plans/nope")))
                    .isInstanceOf(McpError.class)
                    .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code()).isEqualTo(-32002));
        }
    }

    @Test
    void subscribersAreToldWhenTheirPlanChanges() {
        List<McpSchema.ResourceContents> updates = new CopyOnWriteArrayList<>();
        List<McpSchema.ResourceContents> bystander = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client(spec -> spec.resourcesUpdateConsumer(updates::addAll));
             McpSyncClient other = client(spec -> spec.resourcesUpdateConsumer(bystander::addAll))) {
            client.initialize();
            other.initialize();
            String planId = (String) structured(call(client, "create_plan", Map.of("goal", "watch me"))).get("id");
            String uri = OssaatMcpServer.planUri(planId);
            client.subscribeResource(new McpSchema.SubscribeRequest(uri));

            server.backend.move(planId, "s1", "running");

            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(updates)
                    .anySatisfy(c -> {
                        assertThat(c.uri()).isEqualTo(uri);
                        assertThat(((McpSchema.TextResourceContents) c).text()).contains("\"state\":\"running\"");
                    }));
            assertThat(bystander).isEmpty();

            client.unsubscribeResource(new McpSchema.UnsubscribeRequest(uri));
            int seen = updates.size();
            server.backend.move(planId, "s1", "completed");
            // the unsubscribed client gets nothing more; a fresh subscription proves the stream still works
            String next = (String) structured(call(client, "create_plan", Map.of("goal", "again"))).get("id");
            client.subscribeResource(new McpSchema.SubscribeRequest(OssaatMcpServer.planUri(next)));
            server.backend.move(next, "s1", "queued");
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(updates)
                    .anySatisfy(c -> assertThat(c.uri()).isEqualTo(OssaatMcpServer.planUri(next))));
            assertThat(updates.stream().skip(seen)).noneSatisfy(c -> assertThat(c.uri()).isEqualTo(uri));
        }
    }

    @Test
    void createPlanWithProgressTokenReportsStepsUntilApprovalIsNeeded() throws Exception {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        // the blocking call gets its own thread: on 2 cores the common pool has a single worker, and the SDK
        // client needs that pool to deliver what it receives
        try (McpSyncClient client = client(spec -> spec.progressConsumer(progress::add));
             ExecutorService caller = Executors.newVirtualThreadPerTaskExecutor()) {
            client.initialize();
            CompletableFuture<McpSchema.CallToolResult> call = CompletableFuture.supplyAsync(() -> client.callTool(
                    McpSchema.CallToolRequest.builder("create_plan")
                            .arguments(Map.of("goal", "patch and test"))
                            .progressToken("progress-1")
                            .build()), caller);

            await().atMost(10, TimeUnit.SECONDS).until(() -> server.backend.listPlans(null, 1, null)
                    .get("items") instanceof List<?> items && !items.isEmpty()
                    && server.mcp.followers(server.backend.newestPlanId()) == 1);
            String planId = server.backend.newestPlanId();
            server.backend.move(planId, "s1", "queued");
            server.backend.move(planId, "s1", "running");
            server.backend.move(planId, "s1", "completed");
            assertThat(call).isNotDone();
            server.backend.move(planId, "s2", "waiting_approval");

            McpSchema.CallToolResult result = call.get(10, TimeUnit.SECONDS);
            assertThat(structured(result)).containsEntry("id", planId).containsEntry("state", "waiting_approval");
            assertThat(server.mcp.followers(planId)).isZero();
            // events may coalesce into fewer notifications, but progress only grows and ends where the plan stopped
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(progress)
                    .last().satisfies(p -> assertThat(p.progress()).isEqualTo(5.0)));
            assertThat(progress).hasSizeGreaterThanOrEqualTo(2).allSatisfy(p -> {
                assertThat(p.progressToken()).isEqualTo("progress-1");
                assertThat(p.total()).isEqualTo(12.0);
            });
            assertThat(progress).extracting(McpSchema.ProgressNotification::progress).isSorted()
                    .doesNotHaveDuplicates().startsWith(0.0);
            assertThat(progress.getLast().message()).contains("waiting_approval", "1/3 steps finished");
        }
    }

    @Test
    void createPlanWithoutProgressTokenReturnsAtOnce() {
        try (McpSyncClient client = client(spec -> { })) {
            client.initialize();
            assertThat(structured(call(client, "create_plan", Map.of("goal", "quick"))))
                    .containsEntry("state", "running");
        }
    }

    @Test
    void closingTheClientEndsItsSession() {
        McpSyncClient client = client(spec -> { });
        client.initialize();
        int open = server.transport.sessionCount();

        assertThat(client.closeGracefully()).isTrue();

        await().atMost(10, TimeUnit.SECONDS).until(() -> server.transport.sessionCount() == open - 1);
    }

    // ------------------------------------------------------------------ helpers

    private static McpSyncClient client(Consumer<McpClient.SyncSpec> settings) {
        return client(settings, null);
    }

    private static McpSyncClient client(Consumer<McpClient.SyncSpec> settings, List<String> versions) {
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport
                .builder(server.baseUrl()).endpoint("/mcp");
        if (versions != null) {
            transport.supportedProtocolVersions(versions);
        }
        McpClient.SyncSpec spec = McpClient.sync(transport.build())
                .requestTimeout(Duration.ofSeconds(20))
                .clientInfo(new McpSchema.Implementation("ossaat-test", "1"));
        settings.accept(spec);
        return spec.build();
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult result) {
        assertThat(result.isError()).as(String.valueOf(result.content())).isNotEqualTo(Boolean.TRUE);
        assertThat(result.structuredContent()).isInstanceOf(Map.class);
        return (Map<String, Object>) result.structuredContent();
    }

    private static void assertToolError(McpSchema.CallToolResult result, String messageStart) {
        assertThat(result.isError()).isTrue();
        assertThat(result.structuredContent()).isNull();
        assertThat(((McpSchema.TextContent) result.content().getFirst()).text()).startsWith(messageStart);
    }

    @SuppressWarnings("unchecked")
    private static String stepState(Map<String, Object> plan, String stepId) {
        return ((List<Map<String, Object>>) plan.get("steps")).stream()
                .filter(s -> stepId.equals(s.get("id"))).map(s -> (String) s.get("state")).findFirst().orElseThrow();
    }

    private static List<Boolean> hints(Map<String, McpSchema.Tool> tools, String name) {
        McpSchema.ToolAnnotations a = tools.get(name).annotations();
        return List.of(a.readOnlyHint(), a.destructiveHint(), a.idempotentHint());
    }

    private static McpSchema.TextResourceContents text(McpSchema.ReadResourceResult result) {
        assertThat(result.contents()).singleElement().isInstanceOf(McpSchema.TextResourceContents.class);
        return (McpSchema.TextResourceContents) result.contents().getFirst();
    }
}

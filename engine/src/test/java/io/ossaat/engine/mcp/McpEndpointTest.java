package io.ossaat.engine.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The endpoint as MCP clients see it: the SDK's own Java client against a real server. */
class McpEndpointTest {
    /** The diff the careful agent's apply_changes applies: without it the engine refuses the plan. */
    private static final Map<String, Object> PATCH = Map.of("patch", Workspaces.NEW_FILE_PATCH);

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

            // the careful agent's every step waits for a human, so the plan stays where the test puts it
            Map<String, Object> created = structured(call(client, "create_plan", Map.of("goal", "fix the build",
                    "agent", "careful", "inputs", Map.of("testCommand", "mvn test", "patch", Workspaces.NEW_FILE_PATCH))));
            String planId = (String) created.get("id");
            assertThat(created).containsEntry("goal", "fix the build").containsEntry("state", "waiting_approval");
            assertThat(created.get("inputs")).isEqualTo(Map.of("testCommand", "mvn test", "patch", Workspaces.NEW_FILE_PATCH));
            assertThat(created.get("steps")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .hasSize(4);

            Map<String, Object> page = structured(call(client, "list_plans", Map.of("state", "waiting_approval",
                    "limit", 100)));
            assertThat(page.get("items")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .extracting(item -> (Object) ((Map<?, ?>) item).get("id")).contains((Object) planId);

            assertThat(structured(call(client, "get_plan", Map.of("id", planId)))).containsEntry("id", planId);

            Map<String, Object> approved = structured(call(client, "approve_step",
                    Map.of("planId", planId, "stepId", "index_repo", "rationale", "looks fine")));
            assertThat(stepState(approved, "index_repo")).isIn("queued", "running", "completed", "failed");

            String second = (String) structured(call(client, "create_plan", Map.of("goal", "risky",
                    "agent", "careful", "inputs", PATCH))).get("id");
            Map<String, Object> rejected = structured(call(client, "reject_step",
                    Map.of("planId", second, "stepId", "index_repo")));
            assertThat(rejected).containsEntry("state", "rejected");

            String third = (String) structured(call(client, "create_plan", Map.of("goal", "never mind",
                    "agent", "careful", "inputs", PATCH))).get("id");
            assertThat(structured(call(client, "cancel_plan", Map.of("planId", third))))
                    .containsEntry("state", "cancelled");

            // the same shape as GET /v1/slo
            Map<String, Object> slo = structured(call(client, "get_slo_status", Map.of()));
            assertThat(slo.get("items")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .extracting(item -> (Object) ((Map<?, ?>) item).get("name"))
                    .contains("api-availability", "plan-create-latency");
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
    void engineRefusalsAreToolErrorsWithAClearMessage() {
        try (McpSyncClient client = client(spec -> { })) {
            client.initialize();
            String planId = (String) structured(call(client, "create_plan", Map.of("goal", "g",
                    "agent", "careful", "inputs", PATCH))).get("id");

            assertToolError(call(client, "get_plan", Map.of("id", "nope")), "Not found: plan 'nope' does not exist");
            assertToolError(call(client, "approve_step", Map.of("planId", planId, "stepId", "open_pr")),
                    "Conflict: step 'open_pr' is pending, not waiting for approval");
            assertToolError(call(client, "approve_step", Map.of("planId", planId, "stepId", "s9")),
                    "Not found: plan '" + planId + "' has no step 's9'");
            assertToolError(call(client, "list_plans", Map.of("cursor", "bogus")), "Invalid input: cursor: ");
            assertToolError(call(client, "create_plan", Map.of("goal", "g", "agent", "nobody")),
                    "Invalid input: agent: unknown agent 'nobody'");
            assertToolError(call(client, "create_plan", Map.of("goal", "g", "agent", "careful")),
                    "Invalid input: inputs.patch: agent 'careful' plans step apply_changes (code_writer)");
            // the same checks as POST /v1/plans: NewPlan checks itself
            assertToolError(call(client, "create_plan", Map.of("goal", "g".repeat(2049))),
                    "Invalid input: goal: must be 1 to 2048 characters long");
            assertToolError(call(client, "create_plan", Map.of("goal", "  ")), "Invalid input: goal: must not be blank");
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
            String planId = (String) structured(call(client, "create_plan", Map.of("goal", "read me",
                    "agent", "careful", "inputs", PATCH))).get("id");

            assertThat(client.listResourceTemplates().resourceTemplates())
                    .extracting(McpSchema.ResourceTemplate::uriTemplate).containsExactly("ossaat://plans/{id}");
            assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
                    .containsExactly("ossaat://slo");

            McpSchema.TextResourceContents plan = text(client.readResource(
                    new McpSchema.ReadResourceRequest(OssaatMcpServer.planUri(planId))));
            assertThat(plan.mimeType()).isEqualTo("application/json");
            assertThat(plan.text()).contains("\"id\":\"" + planId + "\"", "\"goal\":\"read me\"");

            assertThat(text(client.readResource(new McpSchema.ReadResourceRequest("ossaat://slo"))).text())
                    .contains("\"items\"", "plan-create-latency");

            assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest("ossaat://plans/nope")))
                    .isInstanceOf(McpError.class)
                    .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code()).isEqualTo(-32002));
        }
    }

    @Test
    void subscribersAreToldWhenTheirPlanChanges() {
        List<McpSchema.ResourceContents> updates = new CopyOnWriteArrayList<>();
        List<McpSchema.ResourceContents> bystander = new CopyOnWriteArrayList<>();
        List<String> received = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client(spec -> spec.resourcesUpdateConsumer(updates::addAll), null,
                transport -> updatedUris(transport, received));
             McpSyncClient other = client(spec -> spec.resourcesUpdateConsumer(bystander::addAll))) {
            client.initialize();
            other.initialize();
            String planId = (String) structured(call(client, "create_plan", Map.of("goal", "watch me",
                    "agent", "careful", "inputs", PATCH))).get("id");
            String uri = OssaatMcpServer.planUri(planId);
            client.subscribeResource(new McpSchema.SubscribeRequest(uri));

            call(client, "reject_step", Map.of("planId", planId, "stepId", "index_repo"));

            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(updates)
                    .anySatisfy(c -> {
                        assertThat(c.uri()).isEqualTo(uri);
                        assertThat(((McpSchema.TextResourceContents) c).text()).contains("\"state\":\"rejected\"");
                    }));
            assertThat(bystander).isEmpty();

            client.unsubscribeResource(new McpSchema.UnsubscribeRequest(uri));
            String next = (String) structured(call(client, "create_plan", Map.of("goal", "again",
                    "agent", "careful", "inputs", PATCH))).get("id");
            String nextUri = OssaatMcpServer.planUri(next);
            client.subscribeResource(new McpSchema.SubscribeRequest(nextUri));
            call(client, "cancel_plan", Map.of("planId", planId)); // refused: already rejected; no event
            call(client, "cancel_plan", Map.of("planId", next));
            // a fresh subscription proves the stream still works
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(updates)
                    .anySatisfy(c -> assertThat(c.uri()).isEqualTo(nextUri)));
            // The unsubscribed plan's URI never comes again. A notification the server sent before it took the
            // unsubscription in may reach the consumer later than one sent after (the client reads the resource
            // before it calls the consumer), but the stream carries them in the order they were sent, and every
            // notification of the new plan was sent after the old one's unsubscription.
            assertThat(received.subList(received.indexOf(nextUri), received.size())).doesNotContain(uri);
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
            // the default agent: index_repo runs on its own, apply_changes waits for a human
            McpSchema.CallToolResult result = CompletableFuture.supplyAsync(() -> client.callTool(
                    McpSchema.CallToolRequest.builder("create_plan")
                            .arguments(Map.of("goal", "patch and test", "workspace",
                                    io.ossaat.engine.testing.Workspaces.gitRepo().toString(), "inputs", PATCH))
                            .progressToken("progress-1")
                            .build()), caller).get(30, TimeUnit.SECONDS);

            Map<String, Object> plan = structured(result);
            assertThat(plan).containsEntry("state", "waiting_approval");
            assertThat(stepState(plan, "index_repo")).isEqualTo("completed");
            assertThat(server.mcp.followers((String) plan.get("id"))).isZero();
            // events may coalesce into fewer notifications, but progress only grows and ends where the plan
            // stopped: index_repo finished (4) and apply_changes waits (1)
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(progress)
                    .last().satisfies(p -> assertThat(p.progress()).isEqualTo(5.0)));
            assertThat(progress).allSatisfy(p -> {
                assertThat(p.progressToken()).isEqualTo("progress-1");
                assertThat(p.total()).isEqualTo(16.0);
            });
            assertThat(progress).extracting(McpSchema.ProgressNotification::progress).isSorted()
                    .doesNotHaveDuplicates();
            assertThat(progress.getLast().message()).contains("waiting_approval", "1/4 steps finished");
        }
    }

    @Test
    void createPlanWithoutProgressTokenReturnsAtOnce() {
        try (McpSyncClient client = client(spec -> { })) {
            client.initialize();
            assertThat(structured(call(client, "create_plan", Map.of("goal", "quick", "inputs", PATCH))))
                    .containsEntry("state", "running");
        }
    }

    @Test
    void closingTheClientEndsItsSession() {
        // by id: earlier tests' clients end their sessions asynchronously, so a count may drop by more than one
        Set<String> before = server.transport.sessionIds();
        McpSyncClient client = client(spec -> { });
        client.initialize();
        Set<String> mine = new HashSet<>(server.transport.sessionIds());
        mine.removeAll(before);
        assertThat(mine).hasSize(1);

        assertThat(client.closeGracefully()).isTrue();

        await().atMost(10, TimeUnit.SECONDS).until(() -> !server.transport.sessionIds().containsAll(mine));
    }

    // ------------------------------------------------------------------ helpers

    private static McpSyncClient client(Consumer<McpClient.SyncSpec> settings) {
        return client(settings, null);
    }

    private static McpSyncClient client(Consumer<McpClient.SyncSpec> settings, List<String> versions) {
        return client(settings, versions, UnaryOperator.identity());
    }

    private static McpSyncClient client(Consumer<McpClient.SyncSpec> settings, List<String> versions,
                                        UnaryOperator<McpClientTransport> wrap) {
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport
                .builder(server.baseUrl()).endpoint("/mcp");
        if (versions != null) {
            transport.supportedProtocolVersions(versions);
        }
        McpClient.SyncSpec spec = McpClient.sync(wrap.apply(transport.build()))
                .requestTimeout(Duration.ofSeconds(20))
                .clientInfo(new McpSchema.Implementation("ossaat-test", "1"));
        settings.accept(spec);
        return spec.build();
    }

    /** The transport, adding the URI of every {@code notifications/resources/updated} to {@code uris} as it comes. */
    private static McpClientTransport updatedUris(McpClientTransport transport, List<String> uris) {
        return new McpClientTransport() {
            @Override
            public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
                return transport.connect(messages -> handler.apply(messages.doOnNext(m -> {
                    if (m instanceof McpSchema.JSONRPCNotification n
                            && McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED.equals(n.method())
                            && n.params() instanceof Map<?, ?> params) {
                        uris.add(String.valueOf(params.get("uri")));
                    }
                })));
            }

            @Override
            public void setExceptionHandler(Consumer<Throwable> exceptions) {
                transport.setExceptionHandler(exceptions);
            }

            @Override
            public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
                return transport.sendMessage(message);
            }

            @Override
            public Mono<Void> closeGracefully() {
                return transport.closeGracefully();
            }

            @Override
            public void close() {
                transport.close();
            }

            @Override
            public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
                return transport.unmarshalFrom(data, type);
            }

            @Override
            public List<String> protocolVersions() {
                return transport.protocolVersions();
            }
        };
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

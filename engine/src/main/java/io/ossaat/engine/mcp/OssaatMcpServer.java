package io.ossaat.engine.mcp;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.type.TypeReference;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.ossaat.engine.Json;
import io.ossaat.engine.Version;
import io.ossaat.engine.auth.Permission;
import io.ossaat.engine.auth.Principal;
import io.ossaat.engine.auth.Role;
import io.ossaat.engine.events.Event;
import io.ossaat.engine.events.EventFeed;
import io.ossaat.engine.plans.NewPlan;
import io.ossaat.engine.plans.Plan;
import io.ossaat.engine.plans.PlanService;
import io.ossaat.engine.problems.ApiProblem;
import io.ossaat.engine.runtime.PlanActions;
import io.ossaat.engine.slo.SloMonitor;

/**
 * The engine as an MCP server: the tools, resources and progress of ossaat, spoken over a
 * {@link HelidonMcpTransport}. Tools call the same services as the HTTP API ({@link PlanService},
 * {@link PlanActions}, {@link SloMonitor}) and answer in the same JSON shapes.
 *
 * <p>Tools (all with input and output schemas; results carry {@code structuredContent} and the same JSON as text):
 * {@code create_plan}, {@code list_plans} (read-only), {@code get_plan} (read-only), {@code approve_step},
 * {@code reject_step} (destructive), {@code cancel_plan} (destructive), {@code get_slo_status} (read-only).
 * A plan or step that does not exist, a state conflict or bad arguments ({@link ApiProblem}s) come back as tool
 * results with {@code isError: true} and a message for the agent, not as protocol errors ({@link McpErrors}).
 *
 * <p>Resources: the template {@code ossaat://plans/{id}} (the plan as JSON) and {@code ossaat://slo}. A client that
 * subscribed to a plan's URI gets {@code notifications/resources/updated} on its listening stream whenever one of
 * the plan's steps moves. {@code ossaat://slo} can be read and subscribed to but is not pushed (it changes every
 * second; poll it or use {@code GET /v1/slo/stream}).
 *
 * <p>Progress: a {@code create_plan} call that carries {@code _meta.progressToken} does not return at once. It
 * follows the new plan, sending {@code notifications/progress} on the call's stream as steps move forward, and
 * returns the plan when it is settled: finished, or in {@code waiting_approval} (a human, or the calling agent
 * through {@code approve_step}, has to act, and a call cannot wait for that), or when {@code progressWait} has
 * passed (the plan is returned as it is then; follow it with {@code get_plan} or a resource subscription). Without
 * a progress token, {@code create_plan} returns the new plan at once.
 */
public final class OssaatMcpServer implements AutoCloseable {

    /** URI prefix of the plan resources; the plan's id follows, URL-encoded. */
    public static final String PLAN_URI_PREFIX = "ossaat://plans/";
    /** URI of the SLO status resource. */
    public static final String SLO_URI = "ossaat://slo";

    private static final System.Logger LOG = System.getLogger(OssaatMcpServer.class.getName());
    private static final String INSTRUCTIONS = """
            ossaat orchestrates AI-agent work: create_plan turns a goal into a plan of steps that run tools on a \
            workspace. Risky steps stop in state waiting_approval until approve_step or reject_step is called. \
            Follow a plan with get_plan, by subscribing to its resource ossaat://plans/{id}, or by passing a \
            progress token to create_plan. get_slo_status tells whether the engine meets its service level \
            objectives.""";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final PlanService plans;
    private final PlanActions actions;
    private final SloMonitor slo;
    private final McpJsonMapper json;
    private final Duration progressWait;
    private final McpSyncServer server;
    private final AutoCloseable subscription;
    private final ConcurrentHashMap<String, Set<BlockingQueue<Event>>> watchers = new ConcurrentHashMap<>();
    private final ExecutorService notifier = Executors.newVirtualThreadPerTaskExecutor();

    private OssaatMcpServer(Builder b) {
        this.plans = b.plans;
        this.actions = b.actions;
        this.slo = b.slo;
        this.json = McpJsonDefaults.getMapper();
        this.progressWait = b.progressWait;
        this.server = McpServer.sync(b.transport)
                .serverInfo(new McpSchema.Implementation("ossaat", "ossaat engine", b.version))
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(true, false)
                        .logging()
                        .build())
                .immediateExecution(true) // handlers run on the request's virtual thread
                .tools(tools(b.role))
                .resources(sloResource())
                .resourceTemplates(planResource())
                .build();
        this.subscription = b.events.listen(this::onPlanEvent);
    }

    /** Settings start here; mount the transport at {@code /mcp}. */
    public static Builder builder(HelidonMcpTransport transport) {
        return new Builder(transport);
    }

    /** Ends every MCP session and stops listening to plan events. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "removing the event listener: {0}", e.toString());
        }
        notifier.shutdownNow();
        server.closeGracefully();
    }

    // ---------------------------------------------------------------- tools

    /** The tools this server's role may call; the others are neither listed nor callable. */
    private List<McpServerFeatures.SyncToolSpecification> tools(Role role) {
        return allTools().stream().filter(t -> role.may(t.permission())).map(GatedTool::spec).toList();
    }

    /** A tool and what a caller needs to use it. */
    private record GatedTool(McpServerFeatures.SyncToolSpecification spec, Permission permission) {
    }

    /** Who calls: the principal the transport put in the call's context (the owner when there is none). */
    private static Principal caller(ToolCall call) {
        return call.exchange().transportContext().get(HelidonMcpTransport.PRINCIPAL_KEY) instanceof Principal p
                ? p : Principal.OWNER;
    }

    private List<GatedTool> allTools() {
        return List.of(
                tool("create_plan", Permission.CREATE_PLANS, "Create a plan",
                        "Turns a goal into a plan of steps and starts it. Steps that need a human stop in "
                                + "waiting_approval. With a progress token the call reports progress and returns "
                                + "once the plan finished or waits for approval.",
                        ToolSchemas.CREATE_PLAN_INPUT, ToolSchemas.PLAN,
                        annotations("Create a plan", false, false, false, true),
                        this::createPlan),
                tool("list_plans", Permission.READ, "List plans",
                        "Lists plans, newest first, optionally only those in one state; page with cursor.",
                        ToolSchemas.LIST_PLANS_INPUT, ToolSchemas.PLAN_PAGE,
                        annotations("List plans", true, false, true, false),
                        (exchange, args) -> plans.list(args.optionalString("state"),
                                args.integer("limit", 20, 1, 100), args.optionalString("cursor"))),
                tool("get_plan", Permission.READ, "Get a plan",
                        "One plan with its steps and their states, inputs and outputs.",
                        ToolSchemas.PLAN_ID_INPUT, ToolSchemas.PLAN,
                        annotations("Get a plan", true, false, true, false),
                        (exchange, args) -> plans.get(args.string("id"))),
                tool("approve_step", Permission.DECIDE, "Approve a step",
                        "Approves a step that waits for approval, so that it runs. Fails unless the step is in "
                                + "waiting_approval.",
                        ToolSchemas.STEP_DECISION_INPUT, ToolSchemas.PLAN,
                        annotations("Approve a step", false, false, false, false),
                        (call, args) -> actions.approve(args.string("planId"), args.string("stepId"),
                                caller(call), args.optionalString("rationale"))),
                tool("reject_step", Permission.DECIDE, "Reject a step",
                        "Rejects a step that waits for approval: it does not run, and the plan ends rejected. "
                                + "Cannot be undone.",
                        ToolSchemas.STEP_DECISION_INPUT, ToolSchemas.PLAN,
                        annotations("Reject a step", false, true, false, false),
                        (call, args) -> actions.reject(args.string("planId"), args.string("stepId"),
                                caller(call), args.optionalString("rationale"))),
                tool("cancel_plan", Permission.CANCEL, "Cancel a plan",
                        "Cancels every step of the plan that has not finished. Cannot be undone.",
                        ToolSchemas.CANCEL_PLAN_INPUT, ToolSchemas.PLAN,
                        annotations("Cancel a plan", false, true, true, false),
                        (call, args) -> actions.cancel(args.string("planId"), caller(call).label())),
                tool("get_slo_status", Permission.READ, "Get SLO status",
                        "The engine's service level objectives: SLI, error budget left, burn rates and alerts.",
                        ToolSchemas.NO_INPUT, ToolSchemas.SLO_STATUS,
                        annotations("Get SLO status", true, false, true, false),
                        (exchange, args) -> sloStatus()));
    }

    private Plan createPlan(ToolCall call, Arguments args) {
        Plan plan = plans.create(new NewPlan(args.optionalString("goal"), args.optionalString("agent"),
                args.optionalString("workspace"), args.optionalObject("inputs"), null), null).plan();
        Object token = call.request().progressToken();
        if (token == null || PlanProgress.settled(plan)) {
            return plan;
        }
        return follow(call.exchange(), token, plan.id());
    }

    /** The SLO statuses as {@code GET /v1/slo} answers them. */
    private Map<String, Object> sloStatus() {
        return Map.of("items", slo.statuses());
    }

    /** Reports the plan's progress until it settles or {@code progressWait} passed; returns the last snapshot. */
    private Plan follow(McpSyncServerExchange exchange, Object token, String planId) {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        watchers.computeIfAbsent(planId, id -> ConcurrentHashMap.newKeySet()).add(events);
        try {
            long deadline = System.nanoTime() + progressWait.toNanos();
            PlanProgress progress = new PlanProgress();
            Plan plan = plans.get(planId); // read after watching: no event is missed
            report(exchange, token, progress.update(plan));
            while (!PlanProgress.settled(plan)) {
                Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    break; // progressWait passed
                }
                events.clear(); // the fresh snapshot covers every event queued so far
                plan = plans.get(planId);
                report(exchange, token, progress.update(plan));
            }
            return plan;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return plans.get(planId);
        } finally {
            watchers.computeIfPresent(planId, (id, set) -> {
                set.remove(events);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** How many create_plan calls are following the plan right now (for tests). */
    int followers(String planId) {
        Set<BlockingQueue<Event>> queues = watchers.get(planId);
        return queues == null ? 0 : queues.size();
    }

    private static void report(McpSyncServerExchange exchange, Object token, PlanProgress.Report report) {
        if (report != null) {
            exchange.progressNotification(new McpSchema.ProgressNotification(
                    token, report.progress(), report.total(), report.message()));
        }
    }

    private void onPlanEvent(Event event) {
        Set<BlockingQueue<Event>> queues = watchers.get(event.planId());
        if (queues != null) {
            queues.forEach(q -> q.offer(event));
        }
        try {
            notifier.execute(() -> server.notifyResourcesUpdated(
                    new McpSchema.ResourcesUpdatedNotification(planUri(event.planId()))));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "plan event after close: {0}", e.toString());
        }
    }

    // ---------------------------------------------------------------- resources

    private McpServerFeatures.SyncResourceTemplateSpecification planResource() {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder()
                .uriTemplate(PLAN_URI_PREFIX + "{id}")
                .name("plan")
                .title("Plan")
                .description("One plan with its steps, as JSON (the shape of GET /v1/plans/{id}); subscribe to "
                        + "be told when its steps move")
                .mimeType("application/json")
                .build();
        return new McpServerFeatures.SyncResourceTemplateSpecification(template, (exchange, request) -> {
            String id = URLDecoder.decode(request.uri().substring(PLAN_URI_PREFIX.length()), StandardCharsets.UTF_8);
            try {
                return jsonResource(request.uri(), plans.get(id));
            } catch (ApiProblem e) {
                throw McpErrors.resourceError(request.uri(), e);
            }
        });
    }

    private McpServerFeatures.SyncResourceSpecification sloResource() {
        McpSchema.Resource resource = McpSchema.Resource.builder()
                .uri(SLO_URI)
                .name("slo")
                .title("SLO status")
                .description("The engine's service level objectives with error budgets, burn rates and alerts")
                .mimeType("application/json")
                .build();
        return new McpServerFeatures.SyncResourceSpecification(resource,
                (exchange, request) -> jsonResource(SLO_URI, sloStatus()));
    }

    private McpSchema.ReadResourceResult jsonResource(String uri, Object value) {
        return new McpSchema.ReadResourceResult(
                List.of(new McpSchema.TextResourceContents(uri, "application/json", write(value))));
    }

    /** The resource URI of a plan. */
    public static String planUri(String planId) {
        return PLAN_URI_PREFIX + java.net.URLEncoder.encode(planId, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- tool plumbing

    private record ToolCall(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
    }

    private GatedTool tool(String name, Permission permission, String title, String description,
            Map<String, Object> input, Map<String, Object> output, McpSchema.ToolAnnotations annotations,
            BiFunction<ToolCall, Arguments, Object> body) {
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(name)
                .title(title)
                .description(description)
                .inputSchema(input)
                .outputSchema(output)
                .annotations(annotations)
                .build();
        return new GatedTool(McpServerFeatures.SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> call(name, () -> body.apply(new ToolCall(exchange, request),
                        new Arguments(request.arguments()))))
                .build(), permission);
    }

    /**
     * Runs a tool body: its value, as the HTTP API writes it, becomes structured content; failures become isError
     * results ({@link McpErrors}).
     */
    private McpSchema.CallToolResult call(String tool, Supplier<Object> body) {
        try {
            Map<String, Object> value = Json.MAPPER.convertValue(body.get(), MAP);
            return McpSchema.CallToolResult.builder()
                    .addTextContent(write(value))
                    .structuredContent(value)
                    .build();
        } catch (RuntimeException e) {
            return McpErrors.toolError(tool, e);
        }
    }

    /**
     * @param readOnly    does not change anything
     * @param destructive may destroy or end something (only meaningful when not read-only)
     * @param idempotent  calling it again with the same arguments changes nothing more
     * @param openWorld   reaches beyond the engine (create_plan: its steps act on workspaces and repositories)
     */
    private static McpSchema.ToolAnnotations annotations(String title, boolean readOnly, boolean destructive,
                                                         boolean idempotent, boolean openWorld) {
        return new McpSchema.ToolAnnotations(title, readOnly, destructive, idempotent, openWorld, null);
    }

    private String write(Object value) {
        Object tree = value instanceof Map<?, ?> ? value : Json.MAPPER.convertValue(value, MAP);
        try {
            return json.writeValueAsString(tree);
        } catch (IOException e) {
            throw new IllegalStateException("a value is not JSON-able: " + e.getMessage(), e);
        }
    }

    /** Typed access to a tool call's arguments; a wrong type is an {@link ApiProblem.InvalidInput}. */
    private record Arguments(Map<String, Object> values) {
        Arguments {
            values = values == null ? Map.of() : values;
        }

        String string(String name) {
            String value = optionalString(name);
            if (value == null || value.isBlank()) {
                throw new ApiProblem.InvalidInput(name, "is required and must be a non-empty string");
            }
            return value;
        }

        String optionalString(String name) {
            Object value = values.get(name);
            if (value == null) {
                return null;
            }
            if (!(value instanceof String s)) {
                throw new ApiProblem.InvalidInput(name, "must be a string");
            }
            return s;
        }

        int integer(String name, int fallback, int min, int max) {
            Object value = values.get(name);
            if (value == null) {
                return fallback;
            }
            if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.doubleValue() < min || n.doubleValue() > max) {
                throw new ApiProblem.InvalidInput(name, "must be an integer from " + min + " to " + max);
            }
            return n.intValue();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> optionalObject(String name) {
            Object value = values.get(name);
            if (value == null) {
                return null;
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw new ApiProblem.InvalidInput(name, "must be a JSON object");
            }
            return (Map<String, Object>) map;
        }
    }

    /** Settings of the MCP server: the services it calls are required, the rest has defaults. */
    public static final class Builder {
        private final HelidonMcpTransport transport;
        private PlanService plans;
        private PlanActions actions;
        private SloMonitor slo;
        private EventFeed events;
        private String version = Version.current();
        private Duration progressWait = Duration.ofMinutes(2);
        private Role role = Role.OWNER;

        private Builder(HelidonMcpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
        }

        /** The services the tools call (the same instances the HTTP API uses). */
        public Builder services(PlanService plans, PlanActions actions, SloMonitor slo, EventFeed events) {
            this.plans = Objects.requireNonNull(plans, "plans");
            this.actions = Objects.requireNonNull(actions, "actions");
            this.slo = Objects.requireNonNull(slo, "slo");
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /** The version in serverInfo (default: this build's, {@link Version}). */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * How long a {@code create_plan} call with a progress token follows its plan before it returns the plan
         * as it is (default 2 minutes; keep it under the clients' request timeouts, which progress resets in most
         * clients).
         */
        public Builder progressWait(Duration progressWait) {
            if (progressWait.isNegative()) {
                throw new IllegalArgumentException("progressWait must not be negative, was " + progressWait);
            }
            this.progressWait = progressWait;
            return this;
        }

        /**
         * The role of every caller of this server's transport (default owner): only the tools it may call are
         * listed and callable, so an agent's session has no approve_step or reject_step.
         */
        public Builder role(Role role) {
            this.role = Objects.requireNonNull(role, "role");
            return this;
        }

        public OssaatMcpServer build() {
            if (plans == null) {
                throw new IllegalStateException("services(...) must be set");
            }
            return new OssaatMcpServer(this);
        }
    }
}

package io.ossaat.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A misbehaving stand-in for the engine, for the failure modes a healthy engine does not show on demand: an event
 * stream that drops ({@link #dropStreams()}), an engine that does not answer yet ({@code healthy(false)}), and SLO
 * snapshots under a test's control for the overview model's chart arithmetic. A real HTTP server (the JDK's
 * {@code com.sun.net.httpserver}) speaking the engine's API v1 and JSON; everything else is tested against the
 * real engine.
 */
public final class FakeEngineServer implements AutoCloseable {

    public static final String TOKEN = "fake-token-7f3a9c2e51d04b8a";
    public static final List<String> SLO_NAMES = List.of("api-availability", "api-latency", "step-start-latency",
            "step-success");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLAN = Pattern.compile("/v1/plans/([^/]+)");
    private static final Pattern CANCEL = Pattern.compile("/v1/plans/([^/]+)/cancel");
    private static final Pattern DECIDE = Pattern.compile("/v1/plans/([^/]+)/steps/([^/]+)/(approve|reject)");

    /** A decision the fake received: {@code approve} or {@code reject} with its rationale. */
    public record Decision(String planId, String stepId, String verb, String rationale) {
    }

    private static final class FakeStep {
        final String id, action, tool, capability, capabilityLabel;
        final boolean approvalRequired;
        String state = "pending";
        int attempt;
        String summary;
        Object output;
        Instant startedAt, finishedAt;

        FakeStep(String id, String action, String tool, String capability, String label, boolean approval) {
            this.id = id;
            this.action = action;
            this.tool = tool;
            this.capability = capability;
            this.capabilityLabel = label;
            this.approvalRequired = approval;
        }
    }

    private static final class FakePlan {
        final String id, goal, agent, workspace;
        final Map<String, Object> inputs;
        final Instant createdAt;
        Instant updatedAt;
        String state = "running";
        final List<FakeStep> steps = new ArrayList<>();

        FakePlan(String id, String goal, String agent, String workspace, Map<String, Object> inputs, Instant at) {
            this.id = id;
            this.goal = goal;
            this.agent = agent;
            this.workspace = workspace;
            this.inputs = inputs;
            this.createdAt = at;
            this.updatedAt = at;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<FakePlan> plans = new ArrayList<>();            // oldest first; guarded by this
    private final List<ObjectNode> events = new ArrayList<>();         // guarded by this
    private final List<BlockingQueue<ObjectNode>> listeners = new CopyOnWriteArrayList<>();
    private final List<Decision> decisions = new CopyOnWriteArrayList<>();
    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    private final Instant started = Instant.now();
    private volatile boolean healthy = true;
    private volatile boolean closed;
    private volatile int streamGeneration;
    private volatile long sloIntervalMillis = 250;
    private volatile Duration stepDelay = Duration.ofMillis(150);
    private Instant clock = Instant.parse("2026-11-20T09:00:00Z");
    private long seq;
    private int ids;

    public FakeEngineServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** false: /healthz answers 503, as an engine that is still starting. */
    public void healthy(boolean on) {
        healthy = on;
    }

    public void sloInterval(Duration d) {
        sloIntervalMillis = d.toMillis();
    }

    public List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    public List<String> idempotencyKeys() {
        return List.copyOf(idempotencyKeys);
    }

    /** Closes every open SSE connection (clients should reconnect and resume). */
    public void dropStreams() {
        streamGeneration++;
    }

    /** Creates a plan as {@code POST /v1/plans} would; returns its id. */
    public synchronized String createPlan(String goal, String agent, String workspace) {
        clock = clock.plusSeconds(37);
        FakePlan p = new FakePlan("pln_" + String.format("%04d", ++ids) + "a1b2c3d4", goal,
                agent == null ? "coder" : agent, workspace, Map.of("testCommand", "mvn -q test"), clock);
        p.steps.add(new FakeStep("index-repo", "index repository", "repo.index", "repo.read", "Read the repository", false));
        p.steps.add(new FakeStep("apply-patch", "apply patch", "patch.apply", "fs.write", "Write files in the workspace", true));
        p.steps.add(new FakeStep("run-tests", "run the tests", "tests.run", "process.exec", "Run commands", false));
        p.steps.add(new FakeStep("commit", "commit on a branch", "git.commit", "vcs.write", "Commit to git", false));
        plans.add(p);
        FakeStep index = p.steps.getFirst();
        transition(p, index, "queued", null);
        transition(p, index, "running", null);
        index.output = Map.of("files", 42, "languages", List.of("java"));
        transition(p, index, "completed", "indexed 42 files");
        transition(p, p.steps.get(1), "waiting_approval", "patch touches 2 files: needs fs.write approval");
        p.state = "waiting_approval";
        return p.id;
    }

    /** Approves a waiting step as {@code POST .../approve} would; the rest of the plan then runs. */
    public void approve(String planId, String stepId, String rationale) {
        String refused = decide(planId, stepId, "approve", rationale);
        if (refused != null) {
            throw new IllegalStateException(refused);
        }
    }

    /** A few plans in different states, for pictures. */
    public void seedDemoPlans() {
        String a = createPlan("Fix the failing date parser test in utils", "coder", "/home/dev/projects/utils");
        createPlan("Upgrade Jackson to 2.21 and run the build", "maintainer", "/home/dev/projects/api");
        String c = createPlan("Add retries with jitter to the webhook sender", "coder", "/home/dev/projects/hooks");
        createPlan("Write a changelog entry for 0.4.0", "writer", "/home/dev/projects/ossaat");
        Duration delay = stepDelay;
        stepDelay = Duration.ZERO;
        decide(a, "apply-patch", "approve", "reviewed the diff");
        decide(c, "apply-patch", "reject", "touches the public API");
        stepDelay = delay;
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/healthz")) {
                if (healthy) {
                    json(ex, 200, JSON.createObjectNode().put("status", "ok"));
                } else {
                    problem(ex, 503, "Starting", "the engine is starting", null);
                }
                return;
            }
            if (path.equals("/readyz")) {
                ObjectNode r = JSON.createObjectNode().put("status", "up");
                r.putObject("components").put("postgres", "up").put("redis", "up").put("runner", "up");
                json(ex, 200, r);
                return;
            }
            if (path.equals("/metrics")) {
                send(ex, 200, "text/plain; version=0.0.4", "ossaat_up 1\n");
                return;
            }
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                problem(ex, 401, "Unauthorized", "missing or wrong bearer token", null);
                return;
            }
            Matcher m;
            if (path.equals("/v1/plans") && method.equals("POST") || path.equals("/plan") && method.equals("POST")) {
                create(ex);
            } else if (path.equals("/v1/plans") && method.equals("GET")) {
                list(ex);
            } else if ((m = CANCEL.matcher(path)).matches() && method.equals("POST")) {
                cancel(ex, m.group(1));
            } else if ((m = DECIDE.matcher(path)).matches() && method.equals("POST")) {
                JsonNode body = JSON.readTree(ex.getRequestBody());
                String rationale = body == null || body.path("rationale").isMissingNode() ? null : body.path("rationale").asText();
                String error = decide(m.group(1), m.group(2), m.group(3), rationale);
                if (error != null) {
                    problem(ex, error.startsWith("no ") ? 404 : 409, error.startsWith("no ") ? "Not Found" : "Conflict", error, null);
                } else {
                    json(ex, 200, planJson(find(m.group(1))));
                }
            } else if ((m = PLAN.matcher(path)).matches() && method.equals("GET")) {
                FakePlan p = find(m.group(1));
                if (p == null) {
                    problem(ex, 404, "Not Found", "no plan " + m.group(1), null);
                } else {
                    json(ex, 200, planJson(p));
                }
            } else if (path.equals("/v1/slo") && method.equals("GET")) {
                json(ex, 200, sloSnapshot(elapsedTicks()));
            } else if (path.equals("/v1/slo/stream")) {
                sloStream(ex);
            } else if (path.equals("/v1/events")) {
                eventStream(ex);
            } else {
                problem(ex, 404, "Not Found", "no route " + method + " " + path, null);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void create(HttpExchange ex) throws IOException {
        JsonNode body = JSON.readTree(ex.getRequestBody());
        String goal = body == null ? "" : body.path("goal").asText("");
        if (goal.isBlank()) {
            ArrayNode errors = JSON.createArrayNode();
            errors.addObject().put("field", "goal").put("message", "must not be blank");
            problem(ex, 400, "Invalid plan", "the plan request has invalid fields", errors);
            return;
        }
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null) {
            idempotencyKeys.add(key);
        }
        String id = createPlan(goal, text(body, "agent"), text(body, "workspace"));
        ex.getResponseHeaders().set("Location", "/v1/plans/" + id);
        json(ex, 201, planJson(find(id)));
    }

    private void list(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        int limit = Integer.parseInt(q.getOrDefault("limit", "50"));
        int offset = q.containsKey("cursor") ? Integer.parseInt(q.get("cursor").substring(1)) : 0;
        List<FakePlan> matching;
        synchronized (this) {
            matching = new ArrayList<>(plans);
        }
        Collections.reverse(matching);
        if (q.containsKey("state")) {
            matching.removeIf(p -> !p.state.equals(q.get("state")));
        }
        ObjectNode page = JSON.createObjectNode();
        ArrayNode items = page.putArray("items");
        synchronized (this) {
            matching.stream().skip(offset).limit(limit).forEach(p -> items.add(planJson(p)));
        }
        if (offset + limit < matching.size()) {
            page.put("nextCursor", "c" + (offset + limit));
        } else {
            page.putNull("nextCursor");
        }
        json(ex, 200, page);
    }

    private void cancel(HttpExchange ex, String id) throws IOException {
        FakePlan p;
        synchronized (this) {
            p = find(id);
            if (p != null && !terminal(p.state)) {
                for (FakeStep s : p.steps) {
                    if (!terminal(s.state)) {
                        transition(p, s, "cancelled", "cancelled by user");
                    }
                }
                p.state = "cancelled";
            }
        }
        if (p == null) {
            problem(ex, 404, "Not Found", "no plan " + id, null);
        } else if (!p.state.equals("cancelled")) {
            problem(ex, 409, "Conflict", "plan " + id + " already " + p.state, null);
        } else {
            json(ex, 200, planJson(p));
        }
    }

    /** Returns null when done, else the reason it is refused. Approval lets the rest run on a background thread. */
    private synchronized String decide(String planId, String stepId, String verb, String rationale) {
        FakePlan p = find(planId);
        if (p == null) {
            return "no plan " + planId;
        }
        FakeStep s = p.steps.stream().filter(x -> x.id.equals(stepId)).findFirst().orElse(null);
        if (s == null) {
            return "no step " + stepId;
        }
        if (!s.state.equals("waiting_approval")) {
            return "step " + stepId + " is " + s.state + ", not waiting for approval";
        }
        decisions.add(new Decision(planId, stepId, verb, rationale));
        if (verb.equals("reject")) {
            transition(p, s, "rejected", rationale == null ? "rejected" : "rejected: " + rationale);
            p.steps.stream().filter(x -> !terminal(x.state)).forEach(x -> transition(p, x, "cancelled", null));
            p.state = "rejected";
        } else {
            transition(p, s, "queued", "approved" + (rationale == null ? "" : ": " + rationale));
            p.state = "running";
            if (stepDelay.isZero()) {
                runRest(p);
            } else {
                executor.submit(() -> runRest(p));
            }
        }
        return null;
    }

    private void runRest(FakePlan p) {
        for (FakeStep s : p.steps) {
            synchronized (this) {
                if (terminal(s.state) || p.state.equals("cancelled")) {
                    continue;
                }
                transition(p, s, "running", null);
            }
            sleep(stepDelay);
            synchronized (this) {
                if (p.state.equals("cancelled")) {
                    return;
                }
                s.output = Map.of("exitCode", 0);
                transition(p, s, "completed", switch (s.id) {
                    case "apply-patch" -> "applied 2 hunks to 2 files";
                    case "run-tests" -> "128 tests passed";
                    case "commit" -> "committed 3f2c1ab on ossaat/fix";
                    default -> "done";
                });
            }
        }
        synchronized (this) {
            p.state = "completed";
            p.updatedAt = clock;
        }
    }

    private void transition(FakePlan p, FakeStep s, String state, String summary) {
        clock = clock.plusMillis(850);
        s.state = state;
        if (state.equals("running")) {
            s.attempt++;
            s.startedAt = clock;
        }
        if (terminal(state)) {
            s.finishedAt = clock;
        }
        if (summary != null) {
            s.summary = summary;
        }
        p.updatedAt = clock;
        ObjectNode e = JSON.createObjectNode().put("seq", ++seq).put("planId", p.id).put("stepId", s.id)
                .put("state", state).put("attempt", s.attempt);
        if (summary != null) {
            e.put("summary", summary);
        }
        e.put("occurredAt", clock.toString());
        events.add(e);
        listeners.forEach(q -> q.add(e));
    }

    // ---- SSE ----------------------------------------------------------------------------------------------

    private void eventStream(HttpExchange ex) throws IOException {
        BlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>();
        String last = ex.getRequestHeaders().getFirst("Last-Event-ID");
        synchronized (this) {
            if (last != null) {
                long after = Long.parseLong(last);
                events.stream().filter(e -> e.path("seq").asLong() > after).forEach(queue::add);
            }
            listeners.add(queue);
        }
        int generation = streamGeneration;
        try {
            OutputStream out = startSse(ex);
            while (!closed && generation == streamGeneration) {
                ObjectNode e = queue.poll(100, TimeUnit.MILLISECONDS);
                String frame = e == null ? ": keep-alive\n\n"
                        : "id: " + e.path("seq").asLong() + "\nevent: plan.step\ndata: " + e + "\n\n";
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            listeners.remove(queue);
        }
    }

    private void sloStream(HttpExchange ex) throws IOException {
        int generation = streamGeneration;
        OutputStream out = startSse(ex);
        while (!closed && generation == streamGeneration) {
            int tick = elapsedTicks();
            out.write(("event: slo.status\ndata: " + sloSnapshot(tick) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            sleep(Duration.ofMillis(sloIntervalMillis));
        }
    }

    private static OutputStream startSse(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        return ex.getResponseBody();
    }

    /** Quarter seconds since the server started: the SLO counters follow wall time, so rates stay steady. */
    private int elapsedTicks() {
        return (int) (Duration.between(started, Instant.now()).toMillis() / 250);
    }

    /** Four SLOs whose numbers move with {@code tick}, deterministic. */
    static ArrayNode sloSnapshot(int tick) {
        ArrayNode a = JSON.createArrayNode();
        long apiTotal = 48_000L + 120L * tick;
        long apiBad = 19 + tick / 25;
        slo(a, "api-availability", "engine-api", "API requests that do not fail with a 5xx", 0.999,
                apiTotal, apiBad, 0.4 + 0.2 * Math.sin(tick / 4.0), 0.35, "NONE", null, null);
        slo(a, "api-latency", "engine-api", "API requests answered within 50 ms", 0.99,
                apiTotal, 170 + tick / 8, 1.8 + Math.sin(tick / 3.0), 1.1, "NONE",
                new double[]{7 + 1.5 * Math.sin(tick / 2.0), 24 + 6 * Math.sin(tick / 3.0), 46 + 14 * Math.sin(tick / 5.0)}, 50.0);
        slo(a, "step-start-latency", "step-runtime", "Queued steps that start within 50 ms", 0.95,
                9_000L + 20L * tick, 150 + tick / 10, 0.6, 0.5, "NONE",
                new double[]{4 + Math.sin(tick / 2.0), 18 + 4 * Math.sin(tick / 4.0), 39 + 9 * Math.sin(tick / 6.0)}, 50.0);
        slo(a, "step-success", "step-runtime", "Steps that finish without being dead-lettered", 0.99,
                9_000L + 20L * tick, 72 + tick / 4, 7.2 + Math.sin(tick / 5.0), 6.4, "TICKET", null, null);
        return a;
    }

    private static void slo(ArrayNode a, String name, String service, String description, double objective, long total,
                            long bad, double burn5m, double burn1h, String alert, double[] latency, Double thresholdMs) {
        double sli = 1.0 - (double) bad / total;
        double allowed = (1 - objective) * total;
        ObjectNode n = a.addObject().put("name", name).put("service", service).put("description", description)
                .put("objective", objective).put("sli", sli).put("budgetRemaining", 1.0 - bad / allowed)
                .put("budgetRemainingEvents", Math.max(0, (long) (allowed - bad)));
        if (burn1h >= 1) {
            n.put("timeToExhaustionSeconds", Duration.ofMinutes((long) (30 * 24 * 60 * (1.0 - bad / allowed) / burn1h)).toSeconds());
        } else {
            n.putNull("timeToExhaustionSeconds");
        }
        n.putObject("burnRates").put("5m", round(burn5m)).put("1h", round(burn1h)).put("6h", round(burn1h * 0.8));
        n.put("alert", alert).put("totalEvents", total).put("goodEvents", total - bad);
        if (latency != null) {
            n.put("p50Millis", round(latency[0])).put("p95Millis", round(latency[1])).put("p99Millis", round(latency[2]))
                    .put("thresholdMillis", thresholdMs);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private synchronized FakePlan find(String id) {
        return plans.stream().filter(p -> p.id.equals(id)).findFirst().orElse(null);
    }

    private synchronized ObjectNode planJson(FakePlan p) {
        ObjectNode n = JSON.createObjectNode().put("id", p.id).put("goal", p.goal).put("agent", p.agent);
        if (p.workspace != null) {
            n.put("workspace", p.workspace);
        }
        n.set("inputs", JSON.valueToTree(p.inputs));
        n.put("state", p.state).put("createdAt", p.createdAt.toString()).put("updatedAt", p.updatedAt.toString());
        ArrayNode steps = n.putArray("steps");
        for (FakeStep s : p.steps) {
            ObjectNode j = steps.addObject().put("id", s.id).put("action", s.action).put("tool", s.tool)
                    .put("capability", s.capability).put("capabilityLabel", s.capabilityLabel)
                    .put("approvalRequired", s.approvalRequired).put("timeoutSeconds", 300).put("state", s.state)
                    .put("attempt", s.attempt);
            j.putObject("input").put("workspace", p.workspace);
            if (s.output != null) {
                j.set("output", JSON.valueToTree(s.output));
            }
            if (s.summary != null) {
                j.put("summary", s.summary);
            }
            if (s.startedAt != null) {
                j.put("startedAt", s.startedAt.toString());
            }
            if (s.finishedAt != null) {
                j.put("finishedAt", s.finishedAt.toString());
            }
        }
        return n;
    }

    private static boolean terminal(String state) {
        return List.of("completed", "failed", "rejected", "dead_lettered", "cancelled").contains(state);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                q.put(eq < 0 ? kv : kv.substring(0, eq),
                        eq < 0 ? "" : java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
        send(ex, status, "application/json", body.toString());
    }

    private static void problem(HttpExchange ex, int status, String title, String detail, ArrayNode errors)
            throws IOException {
        ObjectNode p = JSON.createObjectNode().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail);
        if (errors != null) {
            p.set("errors", errors);
        }
        send(ex, status, "application/problem+json", p.toString());
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}

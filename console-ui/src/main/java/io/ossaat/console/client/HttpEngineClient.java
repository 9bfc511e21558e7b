package io.ossaat.console.client;

import io.ossaat.engine.plans.PlanState;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link EngineClient} over HTTP ({@code java.net.http}) with a bearer token. Every call has one shape:
 * build the request, {@link #send}, decode with {@link Wire}. Error statuses become {@link EngineException.Api}
 * carrying the engine's problem document.
 */
public final class HttpEngineClient implements EngineClient {
    /** How many past events the live log starts with. */
    static final int EVENT_TAIL = 200;

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final String token;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;

    /**
     * @param baseUrl the engine's root, e.g. {@code http://127.0.0.1:7070}
     * @param token   bearer token; null for an engine started with {@code --insecure-no-auth}
     */
    public HttpEngineClient(URI baseUrl, String token) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("engine URL must be http(s)://host:port, got " + baseUrl);
        }
        String s = baseUrl.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    public URI baseUrl() {
        return base;
    }

    @Override
    public PlanList listPlans(PlanState state, int limit, String cursor) {
        StringBuilder q = new StringBuilder("/v1/plans?limit=").append(Math.max(1, limit));
        if (state != null) {
            q.append("&state=").append(state.wire());
        }
        if (cursor != null) {
            q.append("&cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        return Wire.planList(send(get(q.toString())));
    }

    @Override
    public Plan getPlan(String planId) {
        return Wire.plan(send(get("/v1/plans/" + seg(planId))));
    }

    @Override
    public Plan createPlan(String goal, String agent, String workspace, Map<String, Object> inputs) {
        NewPlan checked = new NewPlan(goal, agent, workspace, inputs);
        return Wire.plan(send(post("/v1/plans",
                Wire.newPlan(checked.goal(), checked.agent(), checked.workspace(), checked.inputs()))
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())));
    }

    @Override
    public Plan approve(String planId, String stepId, String rationale) {
        return decision(planId, stepId, "approve", rationale);
    }

    @Override
    public Plan reject(String planId, String stepId, String rationale) {
        return decision(planId, stepId, "reject", rationale);
    }

    private Plan decision(String planId, String stepId, String verb, String rationale) {
        JsonNode n = send(post("/v1/plans/" + seg(planId) + "/steps/" + seg(stepId) + "/" + verb,
                Wire.rationale(rationale)));
        // The contract returns the plan; an engine that returns only the step (or nothing) still works.
        return n.has("steps") ? Wire.plan(n) : getPlan(planId);
    }

    @Override
    public Plan cancel(String planId) {
        JsonNode n = send(post("/v1/plans/" + seg(planId) + "/cancel", "{}"));
        return n.has("steps") ? Wire.plan(n) : getPlan(planId);
    }

    @Override
    public List<Agent> agents() {
        return Wire.agents(send(get("/v1/agents")));
    }

    @Override
    public List<SloStatus> sloStatuses() {
        return Wire.sloList(send(get("/v1/slo")));
    }

    @Override
    public SloDetail sloDetail(String name, String range, int points) {
        return Wire.sloDetail(send(get("/v1/slo/" + seg(name) + "?range=" + URLEncoder.encode(range, StandardCharsets.UTF_8)
                + "&points=" + points)));
    }

    @Override
    public Subscription subscribeEvents(StreamListener<PlanEvent> listener) {
        // recent history, not all of it: a long-lived engine has millions of events; reconnects resume by id
        return new SseStream(http, base.resolve("/v1/events?tail=" + EVENT_TAIL), token, "events", e -> {
            if ("plan.step".equals(e.name())) {
                listener.onItem(Wire.event(Wire.parse(e.data())));
            }
        }, listener);
    }

    @Override
    public Subscription subscribePlanEvents(String planId, StreamListener<PlanEvent> listener) {
        return new SseStream(http, base.resolve("/v1/plans/" + seg(planId) + "/events"), token, "plan-events", e -> {
            if ("plan.step".equals(e.name())) {
                listener.onItem(Wire.event(Wire.parse(e.data())));
            }
        }, listener);
    }

    @Override
    public Subscription subscribeSlo(StreamListener<List<SloStatus>> listener) {
        return new SseStream(http, base.resolve("/v1/slo/stream"), token, "slo",
                e -> listener.onItem(Wire.sloList(Wire.parse(e.data()))), listener);
    }

    @Override
    public EngineInfo engineInfo() {
        JsonNode ready;
        String status;
        try {
            ready = send(get("/readyz"));
            status = ready.path("status").asText("up");
        } catch (EngineException.Api e) {
            // 503 still carries the component states in its body when the engine is not ready
            ready = Wire.JSON.createObjectNode();
            status = "not ready: " + e.problem().message();
        }
        return new EngineInfo(base, base.resolve("/mcp"), base.resolve("/metrics"), token, status,
                Wire.components(ready));
    }

    /** {@code GET /healthz}: true when the engine answers. Never throws. */
    public boolean healthy() {
        try {
            return "ok".equalsIgnoreCase(send(get("/healthz")).path("status").asText());
        } catch (EngineException e) {
            return false;
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
        executor.shutdownNow();
    }

    // ---- one shape for every call ---------------------------------------------------------------------

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT)
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest req = request.build();
        HttpResponse<String> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EngineException.Unreachable("engine at " + base + " unreachable: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException.Unreachable("interrupted while calling " + req.uri().getPath(), e);
        }
        return check(res);
    }

    /** Status codes to typed errors, in one place. */
    private static JsonNode check(HttpResponse<String> res) {
        int status = res.statusCode();
        if (status >= 400) {
            throw new EngineException.Api(Wire.problem(status, res.body()));
        }
        String body = res.body();
        return body == null || body.isBlank() ? Wire.JSON.createObjectNode() : Wire.parse(body);
    }

    private static String seg(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

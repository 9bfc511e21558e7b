package io.ossaat.engine.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.ossaat.engine.auth.Permission;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /healthz} (cheap liveness), {@code /readyz} (component states) and {@code /metrics}. */
final class ProbeRoutes implements ApiModule {
    private static final byte[] OK = "{\"status\":\"ok\"}".getBytes();

    /** A component /readyz reports on, e.g. postgres or redis. */
    record Component(String name, java.util.function.BooleanSupplier up) {
    }

    private final List<Component> components;
    private final List<Consumer<StringBuilder>> metricWriters;

    ProbeRoutes(List<Component> components, List<Consumer<StringBuilder>> metricWriters) {
        this.components = components;
        this.metricWriters = metricWriters;
    }

    @Override
    public void routing(HttpRules rules, RouteTable table) {
        table.route(rules, Method.GET, "/healthz", Permission.NONE, this::health)
                .route(rules, Method.GET, "/readyz", Permission.NONE, this::ready)
                .route(rules, Method.GET, "/metrics", Permission.NONE, this::metrics);
    }

    private void health(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(OK);
    }

    private void ready(ServerRequest req, ServerResponse res) {
        Map<String, String> states = new LinkedHashMap<>();
        boolean all = true;
        for (Component c : components) {
            boolean up = c.up().getAsBoolean();
            all &= up;
            states.put(c.name(), up ? "up" : "down");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", all ? "ready" : "not_ready");
        body.put("components", states);
        res.status(all ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        Responses.json(res, body);
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        StringBuilder out = new StringBuilder(16 * 1024);
        for (Consumer<StringBuilder> w : metricWriters) {
            w.accept(out);
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        res.send(out.toString());
    }
}

package io.ossaat.engine.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.ossaat.engine.tools.ToolRegistry;

/** {@code GET /v1/tools}: the registered tools and the capabilities they need. */
final class ToolRoutes implements ApiModule {
    private final ToolRegistry tools;

    ToolRoutes(ToolRegistry tools) {
        this.tools = tools;
    }

    @Override
    public void routing(HttpRules rules, RouteTable table) {
        table.route(rules, Method.GET, "/v1/tools", (req, res) -> Responses.json(res, Map.of("items",
                tools.all().stream().map(t -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", t.name());
                    m.put("capabilities", new TreeSet<>(t.capabilities()));
                    m.put("description", t.description());
                    return m;
                }).toList())));
    }
}

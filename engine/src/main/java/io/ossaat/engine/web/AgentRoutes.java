package io.ossaat.engine.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.ossaat.engine.agents.AgentCatalog;
import io.ossaat.engine.plans.Planner;

/**
 * {@code GET /v1/agents}: the registered agent profiles, each with the inputs a plan of it must bring (what a
 * New-plan form asks for before it lets anyone create the plan).
 */
final class AgentRoutes implements ApiModule {
    private final AgentCatalog agents;
    private final Planner planner;

    AgentRoutes(AgentCatalog agents, Planner planner) {
        this.agents = agents;
        this.planner = planner;
    }

    @Override
    public void routing(HttpRules rules, RouteTable table) {
        table.route(rules, Method.GET, "/v1/agents", (req, res) -> Responses.json(res, Map.of("items",
                agents.all().stream().map(a -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", a.name());
                    m.put("role", a.role());
                    m.put("capabilities", new TreeSet<>(a.capabilities()));
                    m.put("approvalPolicy", a.approvalPolicy());
                    m.put("constraints", a.constraints());
                    m.put("source", a.source());
                    m.put("requiredInputs", planner.requiredInputs(a));
                    return m;
                }).toList())));
    }
}

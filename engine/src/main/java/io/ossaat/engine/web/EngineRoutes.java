package io.ossaat.engine.web;

import io.ossaat.engine.agents.AgentCatalog;
import io.ossaat.engine.auth.ApiTokens;
import io.ossaat.engine.events.EventFeed;
import io.ossaat.engine.plans.PlanService;
import io.ossaat.engine.plans.Planner;
import io.ossaat.engine.runtime.PlanActions;
import io.ossaat.engine.slo.SloMonitor;
import io.ossaat.engine.tools.ToolRegistry;
import io.ossaat.engine.storage.Transactions;

/** Wires the engine's route groups into the server: the table of contents of the HTTP API. */
public final class EngineRoutes {
    private EngineRoutes() {
    }

    public static void addTo(ApiServer api, Transactions tx, EventFeed feed, PlanService plans, PlanActions actions,
                             AgentCatalog agents, ToolRegistry tools, SloMonitor slo, ApiTokens tokens) {
        StreamSlots streams = new StreamSlots(StreamSlots.PER_PRINCIPAL, StreamSlots.TOTAL);
        api.module(new PlanRoutes(plans))
                .module(new ActionRoutes(actions))
                .module(new ToolRoutes(tools))
                .module(new SloRoutes(slo, streams))
                .module(new OpenApiRoutes())
                .module(new EventRoutes(tx, feed, plans, streams))
                .module(new AgentRoutes(agents, new Planner(tools)))
                .module(new TokenRoutes(tokens));
    }
}

package io.ossaat.engine.web;

import io.ossaat.engine.agents.AgentCatalog;
import io.ossaat.engine.events.EventFeed;
import io.ossaat.engine.plans.PlanService;
import io.ossaat.engine.storage.Transactions;

/** Wires the engine's route groups into the server: the table of contents of the HTTP API. */
public final class EngineRoutes {
    private EngineRoutes() {
    }

    public static void addTo(ApiServer api, Transactions tx, EventFeed feed, PlanService plans, AgentCatalog agents) {
        api.module(new PlanRoutes(plans))
                .module(new EventRoutes(tx, feed, plans))
                .module(new AgentRoutes(agents));
    }
}

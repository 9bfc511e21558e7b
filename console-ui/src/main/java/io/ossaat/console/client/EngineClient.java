package io.ossaat.console.client;

import io.ossaat.engine.plans.PlanState;

import java.util.List;
import java.util.Map;

/**
 * The console's one way to talk to an engine: the engine's HTTP API v1 (docs/architecture.md). Every method blocks and may
 * throw an {@link EngineException}: call them off the FX thread.
 *
 * <p>{@link HttpEngineClient} is the implementation; an embedded engine is reached through it too, on its
 * loopback URL (see {@code io.ossaat.console.host.EngineHost}).
 */
public interface EngineClient extends AutoCloseable {

    /** Newest first. {@code state} null means all states; {@code cursor} null means the first page. */
    PlanList listPlans(PlanState state, int limit, String cursor);

    Plan getPlan(String planId);

    Plan createPlan(String goal, String agent, String workspace, Map<String, Object> inputs);

    default Plan createPlan(NewPlan plan) {
        return createPlan(plan.goal(), plan.agent(), plan.workspace(), plan.inputs());
    }

    /** Returns the plan as it is after the approval. 409 (as {@link EngineException.Api}) unless the step waits. */
    Plan approve(String planId, String stepId, String rationale);

    Plan reject(String planId, String stepId, String rationale);

    Plan cancel(String planId);

    /** The engine's agent profiles ({@code GET /v1/agents}). */
    List<Agent> agents();

    List<SloStatus> sloStatuses();

    /** One SLO over {@code range} ({@code 1h}, {@code 30d}) with about {@code points} points (1..2000). */
    SloDetail sloDetail(String name, String range, int points);

    /** All plan events ({@code /v1/events}); reconnects with {@code Last-Event-ID} until closed. */
    Subscription subscribeEvents(StreamListener<PlanEvent> listener);

    /** One plan's events ({@code /v1/plans/{id}/events}): its history first, then live; reconnects until closed. */
    Subscription subscribePlanEvents(String planId, StreamListener<PlanEvent> listener);

    /** One SLO snapshot a second ({@code /v1/slo/stream}); reconnects until closed. */
    Subscription subscribeSlo(StreamListener<List<SloStatus>> listener);

    /** URLs, token and component readiness ({@code /readyz}). */
    EngineInfo engineInfo();

    @Override
    void close();
}

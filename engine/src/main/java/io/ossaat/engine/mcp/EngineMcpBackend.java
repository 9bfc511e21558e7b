package io.ossaat.engine.mcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ossaat.engine.Json;
import io.ossaat.engine.events.EventFeed;
import io.ossaat.engine.plans.NewPlan;
import io.ossaat.engine.plans.PlanService;
import io.ossaat.engine.problems.ApiProblem;
import io.ossaat.engine.runtime.PlanActions;
import io.ossaat.engine.slo.SloMonitor;

/** The MCP tools on top of the engine's own services: the same validation, storage and events as the HTTP API. */
public final class EngineMcpBackend implements McpBackend {
    /** Decisions made through MCP are recorded under this label in the approvals audit. */
    static final String MCP_PRINCIPAL = "owner (mcp)";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final PlanService plans;
    private final PlanActions actions;
    private final SloMonitor slo;
    private final EventFeed feed;

    public EngineMcpBackend(PlanService plans, PlanActions actions, SloMonitor slo, EventFeed feed) {
        this.plans = plans;
        this.actions = actions;
        this.slo = slo;
        this.feed = feed;
    }

    @Override
    public Map<String, Object> createPlan(CreatePlan r) {
        if (r.goal().isBlank() || r.goal().length() > NewPlan.MAX_GOAL_LENGTH) {
            throw new InvalidInput("goal must be 1 to " + NewPlan.MAX_GOAL_LENGTH + " characters long");
        }
        return call(() -> json(plans.create(new NewPlan(r.goal(), r.agent() == null ? "default" : r.agent(),
                r.workspace(), r.inputs(), Map.of()), null).plan()));
    }

    @Override
    public Map<String, Object> listPlans(String state, int limit, String cursor) {
        return call(() -> json(plans.list(state, limit, cursor)));
    }

    @Override
    public Map<String, Object> getPlan(String planId) {
        return call(() -> json(plans.get(planId)));
    }

    @Override
    public Map<String, Object> approve(String planId, String stepId, String rationale) {
        return call(() -> json(actions.approve(planId, stepId, MCP_PRINCIPAL, rationale)));
    }

    @Override
    public Map<String, Object> reject(String planId, String stepId, String rationale) {
        return call(() -> json(actions.reject(planId, stepId, MCP_PRINCIPAL, rationale)));
    }

    @Override
    public Map<String, Object> cancel(String planId) {
        return call(() -> json(actions.cancel(planId, MCP_PRINCIPAL)));
    }

    @Override
    public Map<String, Object> sloStatus() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("slos", Json.MAPPER.convertValue(slo.statuses(), Object.class));
        return out;
    }

    @Override
    public Subscription subscribe(Consumer<PlanEvent> listener) {
        AutoCloseable handle = feed.listen(e -> listener.accept(new PlanEvent(e.planId(), e.stepId(), e.state())));
        return () -> {
            try {
                handle.close();
            } catch (Exception ignored) {
                // removing a listener cannot fail
            }
        };
    }

    private static Map<String, Object> json(Object value) {
        return Json.MAPPER.convertValue(value, MAP);
    }

    /** The engine's own problems become the MCP backend's typed errors, which tools report to the agent. */
    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (ApiProblem.NotFound e) {
            throw new NotFound(e.getMessage());
        } catch (ApiProblem.Conflict e) {
            throw new Conflict(e.getMessage());
        } catch (ApiProblem.InvalidInput e) {
            throw new InvalidInput(e.getMessage());
        }
    }
}

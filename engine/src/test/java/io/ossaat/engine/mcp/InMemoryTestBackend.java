package io.ossaat.engine.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * TEST ONLY: a minimal in-memory {@link McpBackend}, standing in for the engine's plan service, which does not
 * exist on this branch. Every plan has three steps (index, apply patch with approval, run tests); tests move steps
 * with {@link #move} the way the step runtime would, and every change is published to subscribers.
 */
final class InMemoryTestBackend implements McpBackend {

    private static final Set<String> TERMINAL = Set.of("completed", "failed", "rejected", "dead_lettered",
            "cancelled");

    private final Map<String, Map<String, Object>> plans = new LinkedHashMap<>();
    private final List<Consumer<PlanEvent>> listeners = new CopyOnWriteArrayList<>();
    private int nextId = 1;

    @Override
    public synchronized Map<String, Object> createPlan(CreatePlan request) {
        if ("nobody".equals(request.agent())) {
            throw new InvalidInput("unknown agent 'nobody'");
        }
        String id = "p" + nextId++;
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("id", id);
        plan.put("goal", request.goal());
        plan.put("agent", request.agent() == null ? "default" : request.agent());
        plan.put("workspace", request.workspace());
        plan.put("inputs", request.inputs());
        plan.put("state", "running");
        plan.put("createdAt", "2026-11-26T15:00:00Z");
        plan.put("updatedAt", "2026-11-26T15:00:00Z");
        plan.put("steps", new ArrayList<>(List.of(
                step("s1", "index repository", false),
                step("s2", "apply patch", true),
                step("s3", "run tests", false))));
        plans.put(id, plan);
        return copy(plan);
    }

    @Override
    public synchronized Map<String, Object> listPlans(String state, int limit, String cursor) {
        int from;
        try {
            from = cursor == null ? 0 : Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidInput("cursor '" + cursor + "' was not returned by list_plans");
        }
        List<Map<String, Object>> all = new ArrayList<>(plans.values()).reversed().stream()
                .filter(p -> state == null || state.equals(p.get("state")))
                .map(InMemoryTestBackend::copy)
                .toList();
        int to = Math.min(all.size(), from + limit);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", all.subList(Math.min(from, to), to));
        page.put("nextCursor", to < all.size() ? String.valueOf(to) : null);
        return page;
    }

    @Override
    public synchronized Map<String, Object> getPlan(String planId) {
        return copy(plan(planId));
    }

    @Override
    public Map<String, Object> approve(String planId, String stepId, String rationale) {
        return decide(planId, stepId, "queued");
    }

    @Override
    public Map<String, Object> reject(String planId, String stepId, String rationale) {
        return decide(planId, stepId, "rejected");
    }

    private Map<String, Object> decide(String planId, String stepId, String newState) {
        synchronized (this) {
            Map<String, Object> step = step(plan(planId), stepId);
            if (!"waiting_approval".equals(step.get("state"))) {
                throw new Conflict("step " + stepId + " does not wait for approval (it is " + step.get("state")
                        + ")");
            }
        }
        return move(planId, stepId, newState);
    }

    @Override
    public Map<String, Object> cancel(String planId) {
        List<String> open;
        synchronized (this) {
            Map<String, Object> plan = plan(planId);
            if (TERMINAL.contains(plan.get("state"))) {
                throw new Conflict("plan " + planId + " already ended " + plan.get("state"));
            }
            open = steps(plan).stream().filter(s -> !TERMINAL.contains(s.get("state")))
                    .map(s -> (String) s.get("id")).toList();
        }
        Map<String, Object> result = null;
        for (String stepId : open) {
            result = move(planId, stepId, "cancelled");
        }
        return result;
    }

    @Override
    public Map<String, Object> sloStatus() {
        return Map.of("slos", List.of(Map.of("name", "plan-create-latency", "objective", 0.99, "sli", 0.995,
                "errorBudgetRemaining", 0.5, "alert", "none")));
    }

    @Override
    public Subscription subscribe(Consumer<PlanEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Moves a step as the step runtime would, updates the plan's state and tells the subscribers. */
    Map<String, Object> move(String planId, String stepId, String state) {
        Map<String, Object> snapshot;
        synchronized (this) {
            Map<String, Object> plan = plan(planId);
            step(plan, stepId).put("state", state);
            if ("rejected".equals(state)) {
                steps(plan).stream().filter(s -> "pending".equals(s.get("state")))
                        .forEach(s -> s.put("state", "cancelled"));
            }
            plan.put("state", planState(steps(plan)));
            snapshot = copy(plan);
        }
        listeners.forEach(l -> l.accept(new PlanEvent(planId, stepId, state)));
        return snapshot;
    }

    synchronized String newestPlanId() {
        return plans.keySet().stream().reduce((a, b) -> b).orElseThrow();
    }

    int listenerCount() {
        return listeners.size();
    }

    private static String planState(List<Map<String, Object>> steps) {
        List<Object> states = steps.stream().map(s -> s.get("state")).toList();
        if (states.contains("waiting_approval")) {
            return "waiting_approval";
        }
        if (!states.stream().allMatch(TERMINAL::contains)) {
            return "running";
        }
        for (String end : List.of("rejected", "failed", "cancelled")) {
            if (states.contains(end)) {
                return end;
            }
        }
        return "completed";
    }

    private Map<String, Object> plan(String planId) {
        Map<String, Object> plan = plans.get(planId);
        if (plan == null) {
            throw new NotFound("plan " + planId + " does not exist");
        }
        return plan;
    }

    private static Map<String, Object> step(Map<String, Object> plan, String stepId) {
        return steps(plan).stream().filter(s -> stepId.equals(s.get("id"))).findFirst()
                .orElseThrow(() -> new NotFound("plan " + plan.get("id") + " has no step " + stepId));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> plan) {
        return (List<Map<String, Object>>) plan.get("steps");
    }

    private static Map<String, Object> step(String id, String action, boolean approval) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("id", id);
        step.put("action", action);
        step.put("tool", action.split(" ")[0]);
        step.put("capability", approval ? "workspace.write" : "workspace.read");
        step.put("approvalRequired", approval);
        step.put("timeoutSeconds", 300);
        step.put("state", "pending");
        step.put("attempt", 0);
        return step;
    }

    private static Map<String, Object> copy(Map<String, Object> plan) {
        Map<String, Object> copy = new LinkedHashMap<>(plan);
        copy.put("steps", steps(plan).stream().map(s -> (Map<String, Object>) new LinkedHashMap<>(s)).toList());
        return copy;
    }
}

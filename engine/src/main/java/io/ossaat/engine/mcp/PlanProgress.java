package io.ossaat.engine.mcp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns successive snapshots of one plan into MCP progress values, which must grow with every notification.
 *
 * <p>Each step counts up to {@value #STAGES} units by the furthest stage it reached: waiting for approval 1,
 * queued 2, running (or retrying) 3, finished 4. A step that retries does not go back, so the sum never shrinks;
 * {@link #update} answers a notification only when the sum grew. The total is {@value #STAGES} per step.
 */
final class PlanProgress {

    static final int STAGES = 4;
    static final Set<String> TERMINAL_PLAN_STATES = Set.of("completed", "failed", "rejected", "cancelled");

    private final Map<String, Integer> furthest = new HashMap<>();
    private int reported = -1;

    /** A progress notification's content. */
    record Report(double progress, double total, String message) {
    }

    /**
     * Takes a new snapshot of the plan.
     *
     * @return what to report, or null when nothing moved forward since the last report
     */
    Report update(Map<String, Object> plan) {
        List<Map<String, Object>> steps = steps(plan);
        int finished = 0;
        String active = null;
        for (Map<String, Object> step : steps) {
            String id = String.valueOf(step.get("id"));
            String state = String.valueOf(step.get("state"));
            int stage = stage(state);
            furthest.merge(id, stage, Math::max);
            if (stage == STAGES) {
                finished++;
            } else if (stage > 0 && active == null) {
                active = id + " " + state;
            }
        }
        int progress = furthest.values().stream().mapToInt(Integer::intValue).sum();
        if (progress <= reported) {
            return null;
        }
        reported = progress;
        StringBuilder message = new StringBuilder("plan ").append(plan.get("state"))
                .append(": ").append(finished).append('/').append(steps.size()).append(" steps finished");
        if (active != null) {
            message.append("; step ").append(active);
        }
        return new Report(progress, (double) STAGES * Math.max(steps.size(), 1), message.toString());
    }

    /** Whether a create_plan call stops reporting and returns: finished, or waiting for a human. */
    static boolean settled(Map<String, Object> plan) {
        Object state = plan.get("state");
        return TERMINAL_PLAN_STATES.contains(state) || "waiting_approval".equals(state);
    }

    static int stage(String stepState) {
        return switch (stepState) {
            case "waiting_approval" -> 1;
            case "queued" -> 2;
            case "running", "retrying" -> 3;
            case "completed", "failed", "rejected", "dead_lettered", "cancelled" -> STAGES;
            default -> 0; // pending, or a state this version does not know
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> plan) {
        Object steps = plan.get("steps");
        if (steps instanceof List<?> list) {
            return (List<Map<String, Object>>) list.stream().filter(Map.class::isInstance).toList();
        }
        return List.of();
    }
}

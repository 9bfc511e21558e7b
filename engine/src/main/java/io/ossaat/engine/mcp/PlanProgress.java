package io.ossaat.engine.mcp;

import java.util.HashMap;
import java.util.Map;

import io.ossaat.engine.plans.Plan;
import io.ossaat.engine.plans.PlanState;
import io.ossaat.engine.plans.Step;
import io.ossaat.engine.plans.StepState;

/**
 * Turns successive snapshots of one plan into MCP progress values, which must grow with every notification.
 *
 * <p>Each step counts up to {@value #STAGES} units by the furthest stage it reached: waiting for approval 1,
 * queued 2, running (or retrying) 3, finished 4. A step that retries does not go back, so the sum never shrinks;
 * {@link #update} answers a notification only when the sum grew. The total is {@value #STAGES} per step.
 */
final class PlanProgress {

    static final int STAGES = 4;

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
    Report update(Plan plan) {
        int finished = 0;
        String active = null;
        for (Step step : plan.steps()) {
            int stage = stage(step.state());
            furthest.merge(step.id(), stage, Math::max);
            if (stage == STAGES) {
                finished++;
            } else if (stage > 0 && active == null) {
                active = step.id() + " " + step.state().wire();
            }
        }
        int progress = furthest.values().stream().mapToInt(Integer::intValue).sum();
        if (progress <= reported) {
            return null;
        }
        reported = progress;
        StringBuilder message = new StringBuilder("plan ").append(plan.state().wire())
                .append(": ").append(finished).append('/').append(plan.steps().size()).append(" steps finished");
        if (active != null) {
            message.append("; step ").append(active);
        }
        return new Report(progress, (double) STAGES * Math.max(plan.steps().size(), 1), message.toString());
    }

    /** Whether a create_plan call stops reporting and returns: finished, or waiting for a human. */
    static boolean settled(Plan plan) {
        return plan.state().isFinal() || plan.state() == PlanState.WAITING_APPROVAL;
    }

    static int stage(StepState state) {
        return switch (state) {
            case PENDING -> 0;
            case WAITING_APPROVAL -> 1;
            case QUEUED -> 2;
            case RUNNING, RETRYING -> 3;
            case COMPLETED, FAILED, REJECTED, DEAD_LETTERED, CANCELLED -> STAGES;
        };
    }
}

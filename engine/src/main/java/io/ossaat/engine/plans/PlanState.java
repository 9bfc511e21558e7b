package io.ossaat.engine.plans;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Where a plan is; derived from its steps, never set on its own. */
public enum PlanState {
    RUNNING, WAITING_APPROVAL, COMPLETED, FAILED, REJECTED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == REJECTED || this == CANCELLED;
    }

    public static Optional<PlanState> parse(String s) {
        for (PlanState p : values()) {
            if (p.wire().equals(s)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The plan state its steps imply: a failed (or dead-lettered), rejected or cancelled step ends the plan;
     * all completed is completed; a step waiting for a human makes the plan wait; otherwise it runs.
     */
    public static PlanState derive(Collection<StepState> steps) {
        if (steps.stream().anyMatch(s -> s == StepState.FAILED || s == StepState.DEAD_LETTERED)) {
            return FAILED;
        }
        if (steps.contains(StepState.REJECTED)) {
            return REJECTED;
        }
        if (steps.contains(StepState.CANCELLED)) {
            return CANCELLED;
        }
        if (!steps.isEmpty() && steps.stream().allMatch(s -> s == StepState.COMPLETED)) {
            return COMPLETED;
        }
        if (steps.contains(StepState.WAITING_APPROVAL)) {
            return WAITING_APPROVAL;
        }
        return RUNNING;
    }
}

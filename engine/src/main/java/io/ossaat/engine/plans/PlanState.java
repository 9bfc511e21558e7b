package io.ossaat.engine.plans;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ossaat.engine.events.EventState;

/**
 * Where a plan is; derived from its steps ({@link #derive}), never set on its own. A plan goes back and forth
 * between running and waiting_approval and ends once in a final state.
 */
public enum PlanState implements EventState {
    RUNNING, WAITING_APPROVAL, COMPLETED, FAILED, REJECTED, CANCELLED;

    private static final Set<PlanState> FINAL = EnumSet.of(COMPLETED, FAILED, REJECTED, CANCELLED);
    private static final Map<PlanState, Set<PlanState>> NEXT = Map.of(
            RUNNING, EnumSet.of(WAITING_APPROVAL, COMPLETED, FAILED, REJECTED, CANCELLED),
            WAITING_APPROVAL, EnumSet.of(RUNNING, COMPLETED, FAILED, REJECTED, CANCELLED),
            COMPLETED, EnumSet.noneOf(PlanState.class),
            FAILED, EnumSet.noneOf(PlanState.class),
            REJECTED, EnumSet.noneOf(PlanState.class),
            CANCELLED, EnumSet.noneOf(PlanState.class));

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    public boolean canMoveTo(PlanState next) {
        return NEXT.get(this).contains(next);
    }

    /** @throws IllegalStateException when the lifecycle has no such move: code that asks for it is wrong */
    public PlanState checkMoveTo(PlanState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("a plan cannot move from " + wire() + " to " + next.wire());
        }
        return next;
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

package io.ossaat.engine.plans;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.ossaat.engine.events.EventState;

/**
 * Where a step is, and where it may go from there: the one description of the step lifecycle. The wire name (API,
 * events, the {@code steps.state} column) is the lower-case constant; {@code MigrationTest} checks that the
 * database's CHECK constraint lists exactly these.
 *
 * <ul>
 *   <li>pending → waiting_approval or queued when its dependencies completed; rejected when its agent does not
 *       hold its capability;</li>
 *   <li>waiting_approval → queued (approved) or rejected;</li>
 *   <li>queued, retrying → running (claimed with a lease);</li>
 *   <li>running → completed, failed, retrying (backoff), dead_lettered (attempts spent), or queued (handed back
 *       by an engine that shuts down);</li>
 *   <li>every open state → cancelled (the plan was cancelled or stopped).</li>
 * </ul>
 */
public enum StepState implements EventState {
    PENDING, WAITING_APPROVAL, QUEUED, RUNNING, RETRYING, COMPLETED, FAILED, REJECTED, DEAD_LETTERED, CANCELLED;

    /** Steps the dispatcher may claim. */
    public static final Set<StepState> RUNNABLE = EnumSet.of(QUEUED, RETRYING);
    /** Steps that have not finished; cancelling a plan cancels them. */
    public static final Set<StepState> OPEN = EnumSet.of(PENDING, WAITING_APPROVAL, QUEUED, RUNNING, RETRYING);

    private static final Map<StepState, Set<StepState>> NEXT = Map.of(
            // rejected: its agent does not hold the step's capability
            PENDING, EnumSet.of(WAITING_APPROVAL, QUEUED, REJECTED, CANCELLED),
            WAITING_APPROVAL, EnumSet.of(QUEUED, REJECTED, CANCELLED),
            QUEUED, EnumSet.of(RUNNING, CANCELLED),
            // queued: handed back by an engine that shuts down
            RUNNING, EnumSet.of(COMPLETED, RETRYING, FAILED, DEAD_LETTERED, QUEUED, CANCELLED),
            RETRYING, EnumSet.of(RUNNING, CANCELLED),
            COMPLETED, EnumSet.noneOf(StepState.class),
            FAILED, EnumSet.noneOf(StepState.class),
            REJECTED, EnumSet.noneOf(StepState.class),
            DEAD_LETTERED, EnumSet.noneOf(StepState.class),
            CANCELLED, EnumSet.noneOf(StepState.class));

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    public boolean canMoveTo(StepState next) {
        return NEXT.get(this).contains(next);
    }

    /** @throws IllegalStateException when the lifecycle has no such move: code that asks for it is wrong */
    public StepState checkMoveTo(StepState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("a step cannot move from " + wire() + " to " + next.wire());
        }
        return next;
    }

    public static StepState fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** The states as a SQL list of string literals, e.g. {@code 'queued', 'retrying'}, for guards in queries. */
    public static String sql(Set<StepState> states) {
        return states.stream().map(s -> "'" + s.wire() + "'").collect(Collectors.joining(", "));
    }

    /** The final states, in declaration order. */
    public static Set<StepState> finals() {
        return Arrays.stream(values()).filter(StepState::isFinal)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(StepState.class)));
    }
}

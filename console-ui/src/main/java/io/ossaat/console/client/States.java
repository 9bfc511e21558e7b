package io.ossaat.console.client;

import io.ossaat.engine.events.EventState;
import io.ossaat.engine.plans.PlanState;
import io.ossaat.engine.plans.StepState;

/**
 * The one place where the API's state names become the engine's own state enums ({@link StepState},
 * {@link PlanState}), and where a state gets its label on screen. The console ships with the engine it embeds and
 * speaks its vocabulary; a state this console does not know means an engine of another version and is reported as
 * a {@link EngineException.BadResponse}, not guessed.
 */
public final class States {

    private States() {
    }

    public static StepState step(String wire) {
        for (StepState s : StepState.values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw unknown("step", wire);
    }

    public static PlanState plan(String wire) {
        return PlanState.parse(wire).orElseThrow(() -> unknown("plan", wire));
    }

    /** An event's state: a plan's state for a plan-level event (no step id), else the step's. */
    static EventState event(String wire, boolean planLevel) {
        return planLevel ? plan(wire) : step(wire);
    }

    /** What the screen shows: "waiting approval". */
    public static String label(EventState s) {
        return s.wire().replace('_', ' ');
    }

    /** The state a {@link #label} names; the filters' choice boxes list labels. */
    public static PlanState planOfLabel(String label) {
        return plan(label.replace(' ', '_'));
    }

    public static StepState stepOfLabel(String label) {
        return step(label.replace(' ', '_'));
    }

    private static EngineException.BadResponse unknown(String what, String wire) {
        return new EngineException.BadResponse("the engine sent " + what + " state '" + wire
                + "', which this console does not know: use the console of the engine's version", null);
    }
}

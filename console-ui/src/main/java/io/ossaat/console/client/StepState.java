package io.ossaat.console.client;

import java.util.Locale;

/** Step states of the API (docs/architecture.md, "The state machines"); {@link #UNKNOWN} stands for a state a newer engine added. */
public enum StepState {
    PENDING, WAITING_APPROVAL, QUEUED, RUNNING, RETRYING, COMPLETED, FAILED, REJECTED, DEAD_LETTERED, CANCELLED, UNKNOWN;

    public static StepState of(String wire) {
        if (wire == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A step in this state will not change any more. */
    public boolean terminal() {
        return switch (this) {
            case COMPLETED, FAILED, REJECTED, DEAD_LETTERED, CANCELLED -> true;
            default -> false;
        };
    }

    /** Human label: "waiting approval". */
    public String label() {
        return wire().replace('_', ' ');
    }
}

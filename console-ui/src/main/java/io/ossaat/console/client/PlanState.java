package io.ossaat.console.client;

import java.util.Locale;

/** Plan states of the API (docs/architecture.md, "The state machines"); {@link #UNKNOWN} stands for a state a newer engine added. */
public enum PlanState {
    RUNNING, WAITING_APPROVAL, COMPLETED, FAILED, REJECTED, CANCELLED, UNKNOWN;

    public static PlanState of(String wire) {
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

    public boolean terminal() {
        return switch (this) {
            case COMPLETED, FAILED, REJECTED, CANCELLED -> true;
            default -> false;
        };
    }

    public String label() {
        return wire().replace('_', ' ');
    }
}

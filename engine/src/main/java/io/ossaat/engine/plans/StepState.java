package io.ossaat.engine.plans;

import java.util.Locale;

/** Where a step is; the wire name is the lower-case constant. */
public enum StepState {
    PENDING, WAITING_APPROVAL, QUEUED, RUNNING, RETRYING, COMPLETED, FAILED, REJECTED, DEAD_LETTERED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return switch (this) {
            case COMPLETED, FAILED, REJECTED, DEAD_LETTERED, CANCELLED -> true;
            default -> false;
        };
    }

    public static StepState fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}

package io.ossaat.engine.events;

import java.util.Objects;

/**
 * An event about to be appended; the log assigns its sequence number. {@code stepId} is null for a plan event.
 */
public record NewEvent(String planId, String stepId, EventState state, int attempt, String summary) {
    public NewEvent {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(state, "state");
    }
}

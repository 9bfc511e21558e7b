package io.ossaat.engine.events;

/** An event about to be appended; the log assigns its sequence number. */
public record NewEvent(String planId, String stepId, String state, int attempt, String summary) {
}

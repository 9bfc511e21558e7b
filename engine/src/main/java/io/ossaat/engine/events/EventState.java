package io.ossaat.engine.events;

/**
 * What an event says a step or plan moved to: a {@code StepState} for step events, a {@code PlanState} for plan
 * events. Events carry the enum; the lower-case wire name is written to the log and the API.
 */
public interface EventState {
    String wire();
}

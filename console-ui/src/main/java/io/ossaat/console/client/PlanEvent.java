package io.ossaat.console.client;

import io.ossaat.engine.events.EventState;

import java.time.Instant;

/**
 * An SSE {@code plan.step} event: a step changed state, or (no {@code stepId}) the plan did; {@code state} is then
 * a {@code StepState} or a {@code PlanState}, as in the engine's log. {@code summary} may be null.
 */
public record PlanEvent(long seq, String planId, String stepId, EventState state, int attempt, String summary,
                        Instant occurredAt) {
}

package io.ossaat.console.client;

import java.time.Instant;

/** An SSE {@code plan.step} event: a step changed state. {@code summary} may be null. */
public record PlanEvent(long seq, String planId, String stepId, StepState state, int attempt, String summary,
                        Instant occurredAt) {
}

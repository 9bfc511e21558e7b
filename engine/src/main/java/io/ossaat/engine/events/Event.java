package io.ossaat.engine.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of the event log; {@code seq} is the SSE event id. {@code stepId} is absent for plan-level events. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(long seq, String planId, String stepId, String state, int attempt, String summary,
                    Instant occurredAt) {
}

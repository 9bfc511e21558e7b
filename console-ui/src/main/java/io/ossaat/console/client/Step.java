package io.ossaat.console.client;

import io.ossaat.engine.plans.StepState;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One step of a plan, as {@code GET /v1/plans/{id}} returns it. Optional fields are null when absent;
 * {@code approvalCommand} and {@code approvalPatchSha256} are what a human approves (the step's {@code approval}).
 */
public record Step(String id,
                   String action,
                   String tool,
                   String capability,
                   String capabilityLabel,
                   boolean approvalRequired,
                   int timeoutSeconds,
                   StepState state,
                   int attempt,
                   Map<String, Object> input,
                   String output,
                   String summary,
                   Instant startedAt,
                   Instant finishedAt,
                   String approvalCommand,
                   String approvalPatchSha256) {

    public Step {
        input = input == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(input));
    }

    /** How long the step ran (or has been running, measured to {@code now}); null if it never started. */
    public Duration duration(Instant now) {
        if (startedAt == null) {
            return null;
        }
        return Duration.between(startedAt, finishedAt != null ? finishedAt : now);
    }
}

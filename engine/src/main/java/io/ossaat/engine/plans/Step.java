package io.ossaat.engine.plans;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One step of a plan, as the API shows it. {@code input} is the plan's inputs, handed to every step;
 * {@code approval} the last human decision on it, if any.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Step(String id,
                   String action,
                   String tool,
                   String capability,
                   String capabilityLabel,
                   boolean approvalRequired,
                   int timeoutSeconds,
                   List<String> dependsOn,
                   @JsonProperty("state") String stateWire,
                   int attempt,
                   Map<String, Object> input,
                   Object output,
                   String summary,
                   Instant startedAt,
                   Instant finishedAt,
                   Approval approval) {

    public StepState state() {
        return StepState.fromWire(stateWire);
    }
}

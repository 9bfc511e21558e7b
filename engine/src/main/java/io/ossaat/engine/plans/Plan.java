package io.ossaat.engine.plans;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A plan with its steps, as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(String id,
                   String goal,
                   String agent,
                   String workspace,
                   Map<String, Object> inputs,
                   Map<String, String> labels,
                   @JsonProperty("state") String stateWire,
                   String reason,
                   Instant createdAt,
                   Instant updatedAt,
                   List<Step> steps) {

    public PlanState state() {
        return PlanState.parse(stateWire).orElseThrow();
    }

    public Step step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst().orElse(null);
    }
}

package io.ossaat.engine.plans;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A plan with its steps, as the API shows it. {@code worktree} is where its git worktree is while it exists on the
 * engine that answers (kept after a failure with {@code --keep-worktrees}).
 */
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
                   List<Step> steps,
                   String worktree) {

    public Plan withWorktree(String path) {
        return new Plan(id, goal, agent, workspace, inputs, labels, stateWire, reason, createdAt, updatedAt, steps, path);
    }

    public PlanState state() {
        return PlanState.parse(stateWire).orElseThrow();
    }

    public Step step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst().orElse(null);
    }
}

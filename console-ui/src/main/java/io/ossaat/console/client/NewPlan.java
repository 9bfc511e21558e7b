package io.ossaat.console.client;

import java.util.Map;
import java.util.Objects;

/** The body of {@code POST /v1/plans}. Only {@code goal} is required; blank agent/workspace mean "engine default". */
public record NewPlan(String goal, String agent, String workspace, Map<String, Object> inputs) {
    public NewPlan {
        Objects.requireNonNull(goal, "goal");
        if (goal.isBlank()) {
            throw new IllegalArgumentException("a plan needs a goal");
        }
        agent = agent == null || agent.isBlank() ? null : agent.strip();
        workspace = workspace == null || workspace.isBlank() ? null : workspace.strip();
        inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    }
}

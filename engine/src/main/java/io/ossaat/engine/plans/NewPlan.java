package io.ossaat.engine.plans;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ossaat.engine.problems.ApiProblem;

/**
 * A request to create a plan. It checks itself when built, so HTTP and MCP refuse the same requests with the same
 * field errors; whether the agent exists and the workspace is a folder is for {@link PlanService} to say.
 *
 * @param agent  null means {@value #DEFAULT_AGENT}
 * @param inputs null means none; handed to every step
 * @param labels null means none
 */
public record NewPlan(String goal, String agent, String workspace, Map<String, Object> inputs,
                      Map<String, String> labels) {
    public static final int MAX_GOAL_LENGTH = 2048;
    public static final int MAX_AGENT_LENGTH = 64;
    public static final int MAX_WORKSPACE_LENGTH = 4096;
    public static final String DEFAULT_AGENT = "default";

    /** @throws ApiProblem.InvalidInput naming every field that is wrong */
    public NewPlan {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        check(errors, "goal", goal, true, MAX_GOAL_LENGTH);
        check(errors, "agent", agent, false, MAX_AGENT_LENGTH);
        check(errors, "workspace", workspace, false, MAX_WORKSPACE_LENGTH);
        if (!errors.isEmpty()) {
            throw new ApiProblem.InvalidInput(errors);
        }
        agent = agent == null ? DEFAULT_AGENT : agent;
        inputs = inputs == null ? Map.of() : inputs;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    private static void check(List<ApiProblem.FieldError> errors, String field, String value, boolean required,
                              int maxLength) {
        if (value == null) {
            if (required) {
                errors.add(new ApiProblem.FieldError(field, "is required"));
            }
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (value.isBlank()) {
            errors.add(new ApiProblem.FieldError(field, "must not be blank"));
        } else if (length > maxLength) {
            errors.add(new ApiProblem.FieldError(field, "must be 1 to " + maxLength + " characters long, was "
                    + length));
        }
    }
}

package io.ossaat.engine.plans;

import java.util.Map;

/** A validated request to create a plan. */
public record NewPlan(String goal, String agent, String workspace, Map<String, Object> inputs,
                      Map<String, String> labels) {
    public static final int MAX_GOAL_LENGTH = 2048;
}

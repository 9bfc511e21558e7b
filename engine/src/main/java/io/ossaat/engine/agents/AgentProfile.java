package io.ossaat.engine.agents;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An agent profile from {@code agents/<name>/agent.md}: which capabilities its steps may use and which of them
 * wait for a human ({@code approval_policy}: capability → {@code human} or {@code auto}, plus {@code default}).
 */
public record AgentProfile(String name,
                           String role,
                           Set<String> capabilities,
                           Map<String, String> approvalPolicy,
                           List<String> constraints,
                           List<StepTemplate> steps,
                           String source) {

    /** One step of the agent's plan template ({@code steps:} in the front matter). */
    public record StepTemplate(String action, String tool, String capability, String label, int timeoutSeconds) {
    }

    public AgentProfile {
        capabilities = Set.copyOf(capabilities);
        approvalPolicy = Map.copyOf(approvalPolicy);
        constraints = List.copyOf(constraints);
        steps = List.copyOf(steps);
    }

    public boolean holds(String capability) {
        return capabilities.contains(capability);
    }

    public boolean needsApproval(String capability) {
        return "human".equals(approvalPolicy.getOrDefault(capability, approvalPolicy.getOrDefault("default", "auto")));
    }
}

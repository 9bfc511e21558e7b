package io.ossaat.engine.agents;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An agent profile from {@code agents/<name>/agent.md}: which capabilities its steps may use and which of them
 * wait for a human ({@code approval_policy}: capability → {@code human} or {@code auto}, plus {@code default}).
 * {@link AgentCatalog} builds it only after checking it against the tool registry. {@code env} names the engine's
 * environment variables its tools' commands may see (beyond PATH, HOME and LANG); {@code keep_worktrees: true} keeps
 * the worktree of a failed plan for inspection.
 */
public record AgentProfile(String name,
                           String role,
                           Set<String> capabilities,
                           Map<String, Approval> approvalPolicy,
                           List<String> constraints,
                           List<StepTemplate> steps,
                           String source,
                           List<String> env,
                           boolean keepWorktrees) {

    /** The key of {@code approval_policy} that applies to capabilities it does not name. */
    public static final String DEFAULT_POLICY = "default";

    /** Whether a step under a capability waits for a human. */
    public enum Approval {
        HUMAN, AUTO;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One step of the agent's plan template ({@code steps:} in the front matter). */
    public record StepTemplate(String action, String tool, String capability, String label, int timeoutSeconds) {
    }

    public AgentProfile {
        capabilities = Set.copyOf(capabilities);
        approvalPolicy = Map.copyOf(approvalPolicy);
        constraints = List.copyOf(constraints);
        steps = List.copyOf(steps);
        env = List.copyOf(env);
    }

    public boolean holds(String capability) {
        return capabilities.contains(capability);
    }

    /** Whether the policy lets this capability run without a human by naming it ({@code default} does not count). */
    public boolean autoByName(String capability) {
        return approvalPolicy.get(capability) == Approval.AUTO;
    }

    public boolean needsApproval(String capability) {
        Approval approval = approvalPolicy.getOrDefault(capability,
                approvalPolicy.getOrDefault(DEFAULT_POLICY, Approval.AUTO));
        return approval == Approval.HUMAN;
    }
}

package io.ossaat.engine.plans;

import java.util.List;
import java.util.Map;

import io.ossaat.engine.agents.AgentProfile;
import io.ossaat.engine.tools.ApprovalDetails;
import io.ossaat.engine.tools.ToolRegistry;

/**
 * Turns a goal into steps. The template is the agent's {@code steps:} or else the original four steps; whether a
 * step waits for a human comes from the agent's approval policy, and a step that would run a command the request
 * supplied ({@code inputs.testCommand}) waits unless the policy names its capability with {@code auto} itself.
 * Each step depends on the one before it.
 */
public final class Planner {

    /** A step as planned, before it is stored; {@code details} is what its approver sees. */
    public record PlannedStep(String id, String action, String tool, String capability, String capabilityLabel,
                              boolean approvalRequired, int timeoutSeconds, List<String> dependsOn,
                              ApprovalDetails details) {
    }

    private final ToolRegistry tools;

    public Planner(ToolRegistry tools) {
        this.tools = tools;
    }

    private static final List<AgentProfile.StepTemplate> DEFAULT_TEMPLATE = List.of(
            new AgentProfile.StepTemplate("index_repo", "repo_indexer", "repo.read", "Read the repository", 120),
            new AgentProfile.StepTemplate("apply_changes", "code_writer", "repo.write", "Change files in the workspace", 120),
            new AgentProfile.StepTemplate("run_tests", "test_runner", "test.run", "Run the test command", 900),
            new AgentProfile.StepTemplate("open_pr", "github_client", "github.write", "Commit on a branch and push", 300));

    public List<PlannedStep> plan(AgentProfile agent, Map<String, Object> inputs) {
        List<PlannedStep> steps = new java.util.ArrayList<>();
        String previous = null;
        List<AgentProfile.StepTemplate> template = agent.steps().isEmpty() ? DEFAULT_TEMPLATE : agent.steps();
        for (AgentProfile.StepTemplate t : template) {
            ApprovalDetails details = tools.find(t.tool()).map(tool -> tool.approvalDetails(inputs))
                    .orElse(ApprovalDetails.NONE);
            boolean human = agent.needsApproval(t.capability())
                    || details.command() != null && !agent.autoByName(t.capability());
            steps.add(new PlannedStep(t.action(), t.action(), t.tool(), t.capability(), t.label(),
                    human, t.timeoutSeconds(), previous == null ? List.of() : List.of(previous), details));
            previous = t.action();
        }
        return steps;
    }
}

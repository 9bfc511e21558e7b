package io.ossaat.engine.plans;

import java.util.List;

import io.ossaat.engine.agents.AgentProfile;

/**
 * Turns a goal into steps. The template is the agent's {@code steps:} or else the original four steps; whether a step waits for a human comes from
 * the agent's approval policy. Each step depends on the one before it.
 */
public final class Planner {

    /** A step as planned, before it is stored. */
    public record PlannedStep(String id, String action, String tool, String capability, String capabilityLabel,
                              boolean approvalRequired, int timeoutSeconds, List<String> dependsOn) {
    }

    private static final List<AgentProfile.StepTemplate> DEFAULT_TEMPLATE = List.of(
            new AgentProfile.StepTemplate("index_repo", "repo_indexer", "repo.read", "Read the repository", 120),
            new AgentProfile.StepTemplate("apply_changes", "code_writer", "repo.write", "Change files in the workspace", 120),
            new AgentProfile.StepTemplate("run_tests", "test_runner", "test.run", "Run the test command", 900),
            new AgentProfile.StepTemplate("open_pr", "github_client", "github.write", "Commit on a branch and push", 300));

    public List<PlannedStep> plan(String goal, AgentProfile agent) {
        List<PlannedStep> steps = new java.util.ArrayList<>();
        String previous = null;
        List<AgentProfile.StepTemplate> template = agent.steps().isEmpty() ? DEFAULT_TEMPLATE : agent.steps();
        for (AgentProfile.StepTemplate t : template) {
            steps.add(new PlannedStep(t.action(), t.action(), t.tool(), t.capability(), t.label(),
                    agent.needsApproval(t.capability()), t.timeoutSeconds(),
                    previous == null ? List.of() : List.of(previous)));
            previous = t.action();
        }
        return steps;
    }
}

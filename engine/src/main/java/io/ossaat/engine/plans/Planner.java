package io.ossaat.engine.plans;

import java.util.List;
import java.util.Map;

import io.ossaat.engine.agents.AgentProfile;
import io.ossaat.engine.problems.ApiProblem;
import io.ossaat.engine.tools.ApprovalDetails;
import io.ossaat.engine.tools.ToolRegistry;

/**
 * Turns a goal into steps. The template is the agent's {@code steps:} or else the original four steps; whether a
 * step waits for a human comes from the agent's approval policy, and a step that would run a command the request
 * supplied ({@code inputs.testCommand}) waits unless the policy names its capability with {@code auto} itself.
 * Each step depends on the one before it. A plan must bring the inputs its steps' tools cannot run without
 * ({@link #requiredInputs}); otherwise it is refused with a 400 naming the input, before anything is stored.
 */
public final class Planner {

    /** A step as planned, before it is stored; {@code details} is what its approver sees. */
    public record PlannedStep(String id, String action, String tool, String capability, String capabilityLabel,
                              boolean approvalRequired, int timeoutSeconds, List<String> dependsOn,
                              ApprovalDetails details) {
    }

    /** An input a plan of some agent must bring: {@code inputs.<name>}, which {@code step} ({@code tool}) needs. */
    public record RequiredInput(String name, String step, String tool, String description) {
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

    /**
     * @throws ApiProblem.InvalidInput when {@code inputs} lacks one of the agent's {@link #requiredInputs}
     */
    public List<PlannedStep> plan(AgentProfile agent, Map<String, Object> inputs) {
        for (RequiredInput r : requiredInputs(agent)) {
            if (!(inputs.get(r.name()) instanceof String s) || s.isBlank()) {
                throw new ApiProblem.InvalidInput("inputs." + r.name(), "agent '" + agent.name() + "' plans step "
                        + r.step() + " (" + r.tool() + "), which needs inputs." + r.name() + ": " + r.description()
                        + ". Give it, or choose an agent whose plan has no " + r.step() + " step");
            }
        }
        List<PlannedStep> steps = new java.util.ArrayList<>();
        String previous = null;
        for (AgentProfile.StepTemplate t : template(agent)) {
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

    /**
     * The inputs a plan of this agent must bring, from the tools of the steps that will run: a step under a
     * capability the agent does not hold is rejected before its tool runs, so it needs nothing.
     */
    public List<RequiredInput> requiredInputs(AgentProfile agent) {
        List<RequiredInput> out = new java.util.ArrayList<>();
        for (AgentProfile.StepTemplate t : template(agent)) {
            if (agent.holds(t.capability())) {
                tools.find(t.tool()).ifPresent(tool -> tool.requiredInputs().forEach((name, what) -> {
                    if (out.stream().noneMatch(r -> r.name().equals(name))) {
                        out.add(new RequiredInput(name, t.action(), t.tool(), what));
                    }
                }));
            }
        }
        return out;
    }

    private static List<AgentProfile.StepTemplate> template(AgentProfile agent) {
        return agent.steps().isEmpty() ? DEFAULT_TEMPLATE : agent.steps();
    }
}

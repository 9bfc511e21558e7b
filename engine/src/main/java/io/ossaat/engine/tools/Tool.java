package io.ossaat.engine.tools;

import java.util.Map;
import java.util.Set;

/**
 * A tool a step runs. Tools do real work in the plan's workspace, take their parameters from the plan's
 * {@code inputs}, and must be idempotent: a step cut off by a crash runs again, and running it a second time must
 * not repeat its effect. Cancellation is cooperative: check {@link ToolContext#checkCancelled()} and stop when the
 * thread is interrupted.
 */
public interface Tool {
    String name();

    /** The capabilities a step needs to run this tool. */
    Set<String> capabilities();

    String description();

    /**
     * What a person approving a step of this tool with these inputs should see. A {@code command} there is one the
     * request supplied and the tool runs as given: such a step waits for a human unless the agent profile names the
     * capability with {@code auto} itself (a {@code default: auto} does not count).
     */
    default ApprovalDetails approvalDetails(Map<String, Object> inputs) {
        return ApprovalDetails.NONE;
    }

    /**
     * Inputs this tool cannot run without, name → what it holds ("the unified diff it applies"). A plan whose agent
     * would run the tool is refused at creation unless {@code inputs.<name>} is a non-blank string: finding out when
     * the step runs, after a human approved it, is too late.
     */
    default Map<String, String> requiredInputs() {
        return Map.of();
    }

    /**
     * @throws ToolFailure when the work fails; {@link ToolFailure#retryable()} says whether trying again may help
     * @throws InterruptedException when cancelled or timed out
     */
    ToolResult run(ToolContext context) throws ToolFailure, InterruptedException;
}

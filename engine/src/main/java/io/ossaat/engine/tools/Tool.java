package io.ossaat.engine.tools;

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
     * @throws ToolFailure when the work fails; {@link ToolFailure#retryable()} says whether trying again may help
     * @throws InterruptedException when cancelled or timed out
     */
    ToolResult run(ToolContext context) throws ToolFailure, InterruptedException;
}

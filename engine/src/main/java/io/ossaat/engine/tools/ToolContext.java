package io.ossaat.engine.tools;

import java.util.Map;
import java.util.Optional;

/**
 * What a tool gets to work with.
 *
 * @param workspace   opens the plan's working copy (its own git worktree) on first use
 * @param environment variables the agent profile lets through to commands, on top of {@link Processes#BASE_VARIABLES}
 */
public record ToolContext(String planId, String stepId, int attempt, WorkspaceOpener workspace,
                          Map<String, Object> inputs, Map<String, String> environment) {

    /** Makes (or finds) the folder a plan's tools work in; empty when the plan names no workspace. */
    @FunctionalInterface
    public interface WorkspaceOpener {
        Optional<Workspace> open() throws ToolFailure, InterruptedException;
    }

    public ToolContext {
        environment = Map.copyOf(environment);
    }

    /** The workspace, or a non-retryable failure saying the plan needs one. */
    public Workspace requireWorkspace(String tool) throws ToolFailure, InterruptedException {
        return workspace.open().orElseThrow(() -> new ToolFailure(tool + " needs a plan with a 'workspace' folder", false));
    }

    public Optional<String> input(String name) {
        Object v = inputs.get(name);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    /** Throws when the step was cancelled or its time is up. */
    public void checkCancelled() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("cancelled");
        }
    }
}

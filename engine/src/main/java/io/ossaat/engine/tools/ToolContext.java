package io.ossaat.engine.tools;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What a tool gets to work with. */
public record ToolContext(String planId, String stepId, int attempt, Optional<Workspace> workspace,
                          Map<String, Object> inputs) {

    /** The workspace, or a non-retryable failure saying the plan needs one. */
    public Workspace requireWorkspace(String tool) throws ToolFailure {
        return workspace.orElseThrow(() -> new ToolFailure(tool + " needs a plan with a 'workspace' folder", false));
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

    public static ToolContext of(String planId, String stepId, int attempt, Path workspace, Map<String, Object> inputs) {
        return new ToolContext(planId, stepId, attempt, Optional.ofNullable(workspace).map(Workspace::new), inputs);
    }
}

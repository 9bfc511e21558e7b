package io.ossaat.engine.tools;

import java.util.Map;

/** A tool's work failed; {@code retryable} marks failures that may pass on another attempt. */
public final class ToolFailure extends Exception {
    private final boolean retryable;
    private final Map<String, Object> output;

    public ToolFailure(String message, boolean retryable) {
        this(message, retryable, Map.of());
    }

    public ToolFailure(String message, boolean retryable, Map<String, Object> output) {
        super(message);
        this.retryable = retryable;
        this.output = Map.copyOf(output);
    }

    public boolean retryable() {
        return retryable;
    }

    /** What the tool saw before it failed (exit code, output tail), kept on the step. */
    public Map<String, Object> output() {
        return output;
    }
}

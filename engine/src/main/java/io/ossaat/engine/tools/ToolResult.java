package io.ossaat.engine.tools;

import java.util.Map;

/** What a tool produced: structured output (stored as JSON on the step) and a one-line summary. */
public record ToolResult(Map<String, Object> output, String summary) {
    public ToolResult {
        output = Map.copyOf(output);
    }
}

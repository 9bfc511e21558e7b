package io.ossaat.engine.tools.builtin;

import java.util.Map;
import java.util.Set;

import io.ossaat.engine.tools.Tool;
import io.ossaat.engine.tools.ToolContext;
import io.ossaat.engine.tools.ToolResult;

/** {@code noop} (no capability): does nothing; for dry runs, load tests and runtime benchmarks. */
public final class Noop implements Tool {
    @Override
    public String name() {
        return "noop";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("none");
    }

    @Override
    public String description() {
        return "Does nothing and succeeds; for dry runs and benchmarks.";
    }

    @Override
    public ToolResult run(ToolContext context) {
        return new ToolResult(Map.of(), "nothing to do");
    }
}

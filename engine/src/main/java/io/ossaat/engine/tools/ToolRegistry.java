package io.ossaat.engine.tools;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ossaat.engine.tools.builtin.PatchApplier;
import io.ossaat.engine.tools.builtin.GitCommitter;
import io.ossaat.engine.tools.builtin.Noop;
import io.ossaat.engine.tools.builtin.RepoIndexer;
import io.ossaat.engine.tools.builtin.TestRunner;

/** The tools steps can run, by name. */
public final class ToolRegistry {
    private final Map<String, Tool> tools = new LinkedHashMap<>();

    public ToolRegistry(List<Tool> tools) {
        tools.forEach(t -> this.tools.put(t.name(), t));
    }

    public static ToolRegistry builtIn() {
        return new ToolRegistry(List.of(new RepoIndexer(), new PatchApplier(), new TestRunner(), new GitCommitter(),
                new Noop()));
    }

    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    public Collection<Tool> all() {
        return tools.values();
    }
}

package io.ossaat.console.client;

import java.util.Set;

/** An agent profile as {@code GET /v1/agents} lists it: what the New-plan dialog needs to know about it. */
public record Agent(String name, String role, Set<String> capabilities) {
    /** The capability of {@code apply_changes}, whose tool applies the unified diff in {@code inputs.patch}. */
    public static final String WRITES_FILES = "repo.write";

    public Agent {
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
    }

    /** True when the agent's plans change files, so a plan for it needs {@code inputs.patch}. */
    public boolean needsPatch() {
        return capabilities.contains(WRITES_FILES);
    }
}

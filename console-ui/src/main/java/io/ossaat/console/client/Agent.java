package io.ossaat.console.client;

import java.util.List;
import java.util.Set;

/**
 * An agent profile as {@code GET /v1/agents} lists it: what the New-plan dialog needs to know about it, above all
 * the inputs a plan of it must bring ({@code requiredInputs}; the engine refuses a plan without them).
 */
public record Agent(String name, String role, Set<String> capabilities, List<RequiredInput> requiredInputs) {

    /** {@code inputs.<name>}, which the agent's {@code step} ({@code tool}) cannot run without. */
    public record RequiredInput(String name, String step, String tool, String description) {
    }

    public Agent {
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        requiredInputs = requiredInputs == null ? List.of() : List.copyOf(requiredInputs);
    }
}

package io.ossaat.console.client;

import java.net.URI;
import java.util.Map;

/**
 * What the console knows about the engine it talks to.
 *
 * @param components readiness of each component from {@code /readyz} ("postgres" → "up", ...)
 */
public record EngineInfo(URI apiUrl, URI mcpUrl, URI metricsUrl, String token, String status,
                         Map<String, String> components) {
    public EngineInfo {
        components = components == null ? Map.of() : Map.copyOf(components);
    }

    public String component(String name) {
        return components.getOrDefault(name, "unknown");
    }
}

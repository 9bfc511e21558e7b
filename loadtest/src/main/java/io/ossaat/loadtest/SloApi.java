package io.ossaat.loadtest;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the engine's own counts from {@code GET /v1/slo} (the SLO monitor's statuses: {@code name},
 * {@code goodEvents}, {@code totalEvents} per SLO, over its window), as a bare array or inside an object.
 * These are the monitor's own classification, with any {@code <data-dir>/slo.yaml} override applied, and they
 * cover what {@code /metrics}'s request histogram cannot (step dispatch).
 */
public final class SloApi {
    private SloApi() {
    }

    public static Map<String, Counts> count(String json) {
        Map<String, Counts> out = new LinkedHashMap<>();
        try {
            collect(new ObjectMapper().readTree(json), out, 0);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("GET /v1/slo did not answer JSON: " + e.getMessage(), e);
        }
        return out;
    }

    private static void collect(JsonNode node, Map<String, Counts> out, int depth) {
        if (depth > 3 || node == null) {
            return;
        }
        if (node.isObject() && node.hasNonNull("name") && node.has("goodEvents") && node.has("totalEvents")) {
            out.put(node.get("name").asText(), new Counts(node.get("goodEvents").asLong(),
                                                          node.get("totalEvents").asLong(), "engine SLO monitor"));
            return;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                collect(child, out, depth + 1);
            }
        }
    }
}

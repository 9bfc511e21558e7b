package io.ossaat.loadtest;

import java.util.Map;

/**
 * The engine's good/total counts per objective at one instant, from both sources the engine offers.
 *
 * @param takenAt RFC 3339 time
 * @param engine  from {@code GET /v1/slo} (empty when the engine has no SLO monitor yet)
 * @param metrics from the request histogram on {@code /metrics} (HTTP objectives only)
 */
public record Snapshot(String takenAt, Map<String, Counts> engine, Map<String, Counts> metrics) {
    public Snapshot {
        engine = Map.copyOf(engine);
        metrics = Map.copyOf(metrics);
    }
}

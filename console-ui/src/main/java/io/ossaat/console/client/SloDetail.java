package io.ossaat.console.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One SLO over a range, as {@code GET /v1/slo/{name}?range=&points=} returns it.
 *
 * @param status     the SLO's status now
 * @param from       start of the first point's step
 * @param to         the evaluation time
 * @param step       length of each point's step
 * @param points     oldest first
 * @param alertRules the burn-rate rules behind {@code status.alert}
 */
public record SloDetail(SloStatus status, Instant from, Instant to, Duration step, List<Point> points,
                        List<AlertRule> alertRules) {

    public SloDetail {
        points = List.copyOf(points);
        alertRules = List.copyOf(alertRules);
    }

    /**
     * The step ending at {@code time}.
     *
     * @param budgetRemaining share of the error budget left over the SLO window ending at {@code time}
     * @param p50Ms           latency SLOs over the last day only, else null (likewise p95, p99)
     * @param burnRates       window label to burn rate over the window ending at {@code time}; a window the
     *                        engine's history no longer holds at that age is absent
     */
    public record Point(Instant time, long total, long good, double sli, double budgetRemaining, Double p50Ms,
                        Double p95Ms, Double p99Ms, Map<String, Double> burnRates) {
        public Point {
            burnRates = burnRates == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(burnRates));
        }

        public long bad() {
            return Math.max(0, total - good);
        }
    }

    /** Fires when the burn rate over both windows reaches {@code factor} and the long one holds enough events. */
    public record AlertRule(SloStatus.Alert severity, String longWindow, String shortWindow, double factor,
                            long minimumEvents) {
    }
}

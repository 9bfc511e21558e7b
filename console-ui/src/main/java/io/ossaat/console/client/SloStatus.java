package io.ossaat.console.client;

import java.time.Duration;
import java.util.Map;

/**
 * The status of one SLO, as {@code GET /v1/slo} and {@code /v1/slo/stream} report it.
 *
 * @param objective              target ratio of good events, e.g. 0.999
 * @param sli                    measured ratio of good events over the SLO window
 * @param budgetRemaining        share of the error budget left, 1.0 = untouched, may go below 0
 * @param budgetRemainingEvents  bad events still allowed in the window
 * @param timeToExhaustion       at the current burn rate; null when the budget is not burning
 * @param burnRates              window label ("5m", "1h", ...) to burn rate, in the order the engine sent them
 * @param p50Ms                  latency percentiles, only for latency SLOs (null otherwise)
 * @param thresholdMs            the latency a "good" event must beat, only for latency SLOs (null otherwise)
 * @param enoughData             false while the window holds too few events to judge (a fresh engine)
 */
public record SloStatus(String name,
                        String service,
                        String description,
                        double objective,
                        double sli,
                        double budgetRemaining,
                        long budgetRemainingEvents,
                        Duration timeToExhaustion,
                        Map<String, Double> burnRates,
                        Alert alert,
                        long totalEvents,
                        long goodEvents,
                        Double p50Ms,
                        Double p95Ms,
                        Double p99Ms,
                        Double thresholdMs,
                        boolean enoughData) {

    public enum Alert { NONE, TICKET, PAGE }

    public SloStatus {
        burnRates = burnRates == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(burnRates));
        alert = alert == null ? Alert.NONE : alert;
    }

    /** A status from an engine that always has enough data (tests, older engines). */
    public SloStatus(String name, String service, String description, double objective, double sli,
                     double budgetRemaining, long budgetRemainingEvents, Duration timeToExhaustion,
                     Map<String, Double> burnRates, Alert alert, long totalEvents, long goodEvents, Double p50Ms,
                     Double p95Ms, Double p99Ms, Double thresholdMs) {
        this(name, service, description, objective, sli, budgetRemaining, budgetRemainingEvents, timeToExhaustion,
                burnRates, alert, totalEvents, goodEvents, p50Ms, p95Ms, p99Ms, thresholdMs, true);
    }

    public boolean hasLatency() {
        return p50Ms != null || p95Ms != null || p99Ms != null || thresholdMs != null;
    }

    public long badEvents() {
        return Math.max(0, totalEvents - goodEvents);
    }
}

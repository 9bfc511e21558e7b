package io.ossaat.engine.slo;

/**
 * One point of an SLO's time series, for charts; covers the step ending at {@code time}.
 *
 * @param time            RFC 3339 UTC end of the step
 * @param total           events in the step
 * @param good            good events in the step
 * @param sli             good / total in the step (1 when the step had no events)
 * @param burnRate        error rate in the step over the error budget
 * @param budgetRemaining fraction of the error budget left over the SLO window ending at {@code time}
 * @param p50Millis       median latency in ms, in minute resolution (the worst minute overlapping the step;
 *                        recorded by this instance); {@code null} for ratio SLOs and steps without events
 * @param p95Millis       95th percentile latency in ms, as {@code p50Millis}
 * @param p99Millis       99th percentile latency in ms, as {@code p50Millis}
 * @param burnRates       burn rate over each alert window ending at {@code time}, keys as in
 *                        {@link SloStatus#burnRates()}; a window is left out where the history no longer holds it
 *                        in its resolution (5m and 30m for 3 d, 2h for 2 h... see {@code BucketHistory})
 */
public record SloPoint(String time, long total, long good, double sli, double burnRate, double budgetRemaining,
                       Double p50Millis, Double p95Millis, Double p99Millis, java.util.Map<String, Double> burnRates) {
    public SloPoint {
        burnRates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(burnRates));
    }
}

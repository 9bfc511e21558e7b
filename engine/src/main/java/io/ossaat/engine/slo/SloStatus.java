package io.ossaat.engine.slo;

import java.util.Map;

/**
 * The state of one SLO at {@code evaluatedAt}; plain values, serialisable as JSON as is (no java.time types).
 *
 * @param name                    the SLO's name
 * @param service                 the service it belongs to
 * @param description             what it promises
 * @param indicator               {@code ratio} or {@code latency}
 * @param thresholdMillis         the latency threshold in ms for a latency SLO, else {@code null}
 * @param window                  the window label, e.g. {@code 30d rolling}, {@code calendar month}
 * @param objective               the target fraction of good events, e.g. 0.999
 * @param sli                     good / total over the window (1 when there were no events)
 * @param budgetRemaining         fraction of the error budget left: 1 untouched, 0 spent, negative overspent
 * @param budgetRemainingEvents   bad events the budget still allows (negative when overspent)
 * @param timeToExhaustionSeconds seconds until the budget is spent at the 1 h burn rate; 0 when spent,
 *                                {@code null} when nothing burns
 * @param burnRates               burn rate per window, keys {@code 5m 30m 1h 2h 6h 1d 3d} in that order
 * @param alert                   alert state by the multi-window multi-burn-rate rules
 * @param budgetExhausted         true when the budget is spent and the window holds enough events to say so
 * @param enoughData              true when the window holds at least the minimum number of events
 * @param totalEvents             events counted over the window
 * @param goodEvents              good events over the window
 * @param evaluatedAt             RFC 3339 UTC time of the evaluation
 * @param p50Millis               latency SLOs: the worst p50 of this and the previous minute (null otherwise,
 *                                or with no events); likewise p95 and p99, for live charts
 */
public record SloStatus(String name, String service, String description, String indicator, Double thresholdMillis,
                        String window, double objective, double sli, double budgetRemaining,
                        double budgetRemainingEvents, Double timeToExhaustionSeconds, Map<String, Double> burnRates,
                        AlertState alert, boolean budgetExhausted, boolean enoughData, long totalEvents,
                        long goodEvents, String evaluatedAt, Double p50Millis, Double p95Millis,
                        Double p99Millis) {
    public SloStatus {
        burnRates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(burnRates));
    }
}

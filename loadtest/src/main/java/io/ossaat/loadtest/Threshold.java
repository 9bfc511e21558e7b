package io.ossaat.loadtest;

/**
 * One client-side assertion derived from one SLO objective.
 *
 * @param slo        the objective it comes from
 * @param kind       a latency percentile or an error rate
 * @param route      the route it applies to; {@code null} for every request of the judged phase
 * @param percentile for a latency: the percentile (target × 100, e.g. 95.0)
 * @param limit      for a latency: milliseconds; for an error rate: percent of requests
 */
public record Threshold(String slo, Kind kind, Route route, double percentile, double limit) {
    /** What is compared with the limit. */
    public enum Kind { LATENCY_MS, ERROR_PERCENT }

    /** A readable line, e.g. {@code plan-create-latency: create plan p95 <= 50 ms}. */
    public String describe() {
        String what = route == null ? "all judged requests" : route.requestName();
        return kind == Kind.LATENCY_MS
                ? slo + ": " + what + " p" + Numbers.trim(percentile) + " <= " + Numbers.trim(limit) + " ms"
                : slo + ": " + what + " failed <= " + Numbers.trim(limit) + " %";
    }
}

package io.ossaat.engine.slo;

import java.util.List;

/**
 * One SLO's status with time series for charts.
 *
 * @param status      the current status
 * @param from        RFC 3339 UTC start of the series
 * @param to          RFC 3339 UTC end of the series (the evaluation time)
 * @param stepSeconds length of each point's step
 * @param points      the series, oldest first
 * @param alertRules  the burn-rate rules that make {@code status.alert}, pages first
 */
public record SloDetail(SloStatus status, String from, String to, long stepSeconds, List<SloPoint> points,
                        List<SloAlertRule> alertRules) {
    public SloDetail {
        points = List.copyOf(points);
        alertRules = List.copyOf(alertRules);
    }
}

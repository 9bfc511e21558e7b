package io.ossaat.engine.slo;

import java.time.Duration;
import java.util.List;

/**
 * One multi-window burn-rate alert rule (SRE Workbook, chapter 5, table 5-8): it fires when the burn rate over both
 * the long and the short window reaches {@code factor}, and the long window holds enough events to judge.
 */
record BurnRule(Duration longWindow, Duration shortWindow, double factor, AlertState severity) {
    /** The burn windows reported for every SLO, shortest first. */
    static final List<Duration> WINDOWS = List.of(
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
            Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));

    /** Page on 2 % of a 30-day budget in 1 h or 5 % in 6 h; ticket on 10 % in 1 d or 10 % in 3 d. */
    static final List<BurnRule> WORKBOOK = List.of(
            new BurnRule(Duration.ofHours(1), Duration.ofMinutes(5), 14.4, AlertState.PAGE),
            new BurnRule(Duration.ofHours(6), Duration.ofMinutes(30), 6, AlertState.PAGE),
            new BurnRule(Duration.ofDays(1), Duration.ofHours(2), 3, AlertState.TICKET),
            new BurnRule(Duration.ofDays(3), Duration.ofHours(6), 1, AlertState.TICKET));

    /** Tolerance so that a burn rate computed as exactly the factor (e.g. 1.44 % errors at 99.9 %) fires. */
    private static final double EPSILON = 1e-9;

    boolean fires(Counts longCounts, Counts shortCounts, double errorBudget, long minimumEvents) {
        return longCounts.total() >= minimumEvents
               && longCounts.burnRate(errorBudget) >= factor - EPSILON
               && shortCounts.burnRate(errorBudget) >= factor - EPSILON;
    }

    /** {@code 5m}, {@code 1h}, {@code 3d}: the label of a window in maps, metrics and rules. */
    static String label(Duration window) {
        long minutes = window.toMinutes();
        if (minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + "d";
        }
        if (minutes % 60 == 0) {
            return minutes / 60 + "h";
        }
        return minutes + "m";
    }
}

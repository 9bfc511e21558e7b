package io.ossaat.engine.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Status and time series of one SLO from its history: pure arithmetic, no state. */
final class SloCalculator {
    private static final Duration MIN_RANGE = SloMonitor.DETAIL_RANGE_MIN;
    private static final Duration BURN_FOR_EXHAUSTION = Duration.ofHours(1);

    private SloCalculator() {
    }

    /** The events of the SLO window as of {@code lastMs} (inclusive). */
    static Counts windowCounts(SloDefinition slo, BucketHistory history, long lastMs) {
        SloWindow window = slo.window();
        long startMs;
        if (window.isRolling()) {
            long hourMs = Duration.ofHours(1).toMillis();
            startMs = (Math.floorDiv(lastMs, hourMs) - window.length().toHours() + 1) * hourMs;
        } else {
            startMs = window.periodStart(Instant.ofEpochMilli(lastMs)).toEpochMilli();
        }
        return history.between(startMs, lastMs);
    }

    /** @param recent the latency percentiles in ns of the last minute or so, or null */
    static SloStatus status(SloDefinition slo, BucketHistory history, long nowMs, long minimumEvents, long[] recent) {
        double budget = slo.errorBudget();
        Counts window = windowCounts(slo, history, nowMs);
        Map<Duration, Counts> burnCounts = new LinkedHashMap<>();
        Map<String, Double> burnRates = new LinkedHashMap<>();
        for (Duration w : BurnRule.WINDOWS) {
            Counts c = history.lastWindow(nowMs, w);
            burnCounts.put(w, c);
            burnRates.put(BurnRule.label(w), c.burnRate(budget));
        }
        AlertState alert = AlertState.NONE;
        for (BurnRule rule : BurnRule.WORKBOOK) {
            if (alert.compareTo(rule.severity()) < 0
                    && rule.fires(burnCounts.get(rule.longWindow()), burnCounts.get(rule.shortWindow()), budget,
                                  minimumEvents)) {
                alert = rule.severity();
            }
        }
        double remaining = window.budgetRemaining(budget);
        boolean enoughData = window.total() >= minimumEvents;
        Instant now = Instant.ofEpochMilli(nowMs);
        SloIndicator indicator = slo.indicator();
        return new SloStatus(
                slo.name(), slo.service(), slo.description(), indicator.isLatency() ? "latency" : "ratio",
                indicator.isLatency() ? indicator.latencyThreshold().toNanos() / 1e6 : null,
                slo.window().label(), slo.objective(), window.sli(), remaining,
                window.budgetRemainingEvents(budget),
                timeToExhaustion(remaining, burnCounts.get(BURN_FOR_EXHAUSTION).burnRate(budget),
                                 slo.window().periodLength(now)),
                burnRates, alert, enoughData && remaining <= 0, enoughData, window.total(), window.good(),
                now.toString(), recent == null ? null : recent[0] / 1e6, recent == null ? null : recent[1] / 1e6,
                recent == null ? null : recent[2] / 1e6);
    }

    /** At burn rate B the whole window's budget lasts window / B; the fraction left lasts that much less. */
    static Double timeToExhaustion(double remaining, double burnRate, Duration windowLength) {
        if (remaining <= 0) {
            return 0.0;
        }
        if (burnRate <= 0) {
            return null;
        }
        return remaining * windowLength.toSeconds() / burnRate;
    }

    static SloDetail detail(SloDefinition slo, BucketHistory history, LatencySeries latency, long nowMs,
                            Duration range, int targetPoints, long minimumEvents) {
        long rangeMs = Math.max(range.toMillis(), MIN_RANGE.toMillis());
        Tier tier = null;
        for (Tier t : history.tiers()) {
            if (rangeMs <= t.spanMs()) {
                tier = t;
                break;
            }
        }
        if (tier == null) {
            tier = history.tiers()[history.tiers().length - 1];
            rangeMs = tier.spanMs();
        }
        long stepBuckets = Math.max(1, Math.ceilDiv(rangeMs, tier.widthMs * targetPoints));
        long stepMs = stepBuckets * tier.widthMs;
        long pointCount = Math.ceilDiv(rangeMs, stepMs);
        long lastId = tier.id(nowMs);
        double budget = slo.errorBudget();
        List<SloPoint> points = new ArrayList<>();
        for (long p = pointCount - 1; p >= 0; p--) {
            long toId = lastId - p * stepBuckets;
            long fromId = toId - stepBuckets + 1;
            long startMs = fromId * tier.widthMs;
            long bucketEndMs = (toId + 1) * tier.widthMs;
            long endMs = Math.min(bucketEndMs, nowMs);
            long lastMs = Math.min(bucketEndMs - 1, nowMs);
            Counts step = tier.sum(fromId, toId);
            long[] pct = latency == null || step.total() == 0 ? null : latency.worst(startMs, bucketEndMs);
            points.add(new SloPoint(
                    Instant.ofEpochMilli(endMs).toString(), step.total(), step.good(), step.sli(),
                    step.burnRate(budget), windowCounts(slo, history, lastMs).budgetRemaining(budget),
                    pct == null ? null : pct[0] / 1e6, pct == null ? null : pct[1] / 1e6,
                    pct == null ? null : pct[2] / 1e6, burnRates(history, lastMs, nowMs, budget)));
        }
        String from = Instant.ofEpochMilli((lastId - pointCount * stepBuckets + 1) * tier.widthMs).toString();
        long[] recent = latency == null ? null : latency.worst(nowMs - 60_000, nowMs + 1);
        return new SloDetail(status(slo, history, nowMs, minimumEvents, recent), from, Instant.ofEpochMilli(nowMs).toString(),
                             stepMs / 1000, points, alertRules(minimumEvents));
    }

    /** The burn rate over each alert window ending at {@code lastMs} that the history still holds. */
    private static Map<String, Double> burnRates(BucketHistory history, long lastMs, long nowMs, double budget) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Duration w : BurnRule.WINDOWS) {
            Counts c = history.windowEndingAt(lastMs, w, nowMs);
            if (c != null) {
                out.put(BurnRule.label(w), c.burnRate(budget));
            }
        }
        return out;
    }

    static List<SloAlertRule> alertRules(long minimumEvents) {
        return BurnRule.WORKBOOK.stream().map(r -> new SloAlertRule(r.severity(), BurnRule.label(r.longWindow()),
                BurnRule.label(r.shortWindow()), r.factor(), minimumEvents)).toList();
    }
}

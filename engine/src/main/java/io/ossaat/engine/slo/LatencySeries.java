package io.ossaat.engine.slo;

import java.util.Arrays;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency percentiles per minute for the last 24 h. The request path records into one of a few HdrHistogram
 * {@link Recorder}s (wait-free), picked by thread id so that concurrent requests rarely share one;
 * {@link #roll(long)}, called by the owning tracker under its lock, swaps out their interval histograms and adds
 * them to the current minute. Values recorded just before a minute ends may land in the
 * next minute (by at most the time between rolls).
 */
final class LatencySeries {
    private static final long LOWEST_NANOS = 1_000;
    private static final long HIGHEST_NANOS = 3_600_000_000_000L;
    private static final int DIGITS = 2;
    private static final long MINUTE_MS = 60_000;
    private static final int MINUTES = 24 * 60;

    private static final int STRIPES = Math.min(16, Integer.highestOneBit(
            Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1) * 2);

    private final Recorder[] recorders = new Recorder[STRIPES];
    private final Histogram minute = new Histogram(LOWEST_NANOS, HIGHEST_NANOS, DIGITS);
    private final Histogram[] intervals = new Histogram[STRIPES];
    private long minuteId = Long.MIN_VALUE;
    private final long[] ids = new long[MINUTES];
    private final long[][] percentiles = new long[MINUTES][];

    LatencySeries() {
        Arrays.fill(ids, Long.MIN_VALUE);
        for (int i = 0; i < STRIPES; i++) {
            recorders[i] = new Recorder(LOWEST_NANOS, HIGHEST_NANOS, DIGITS);
        }
    }

    /** Hot path. */
    void record(long nanos) {
        recorders[(int) Thread.currentThread().threadId() & (STRIPES - 1)]
                .recordValue(Math.clamp(nanos, 0, HIGHEST_NANOS));
    }

    void roll(long nowMs) {
        long id = Math.floorDiv(nowMs, MINUTE_MS);
        if (id > minuteId) {
            close();
            minuteId = id;
        }
        for (int i = 0; i < STRIPES; i++) {
            intervals[i] = recorders[i].getIntervalHistogram(intervals[i]); // recycled per recorder
            minute.add(intervals[i]);
        }
    }

    private void close() {
        if (minuteId != Long.MIN_VALUE && minute.getTotalCount() > 0) {
            int slot = (int) Math.floorMod(minuteId, (long) MINUTES);
            ids[slot] = minuteId;
            percentiles[slot] = of(minute);
        }
        minute.reset();
    }

    /** The worst (highest) p50, p95 and p99 in ns of the minutes overlapping [fromMs, toMs); null if none. */
    long[] worst(long fromMs, long toMs) {
        long[] worst = null;
        for (long id = Math.floorDiv(fromMs, MINUTE_MS); id <= Math.floorDiv(toMs - 1, MINUTE_MS); id++) {
            long[] p = minute(id);
            if (p != null) {
                worst = worst == null ? p.clone() : new long[] {
                        Math.max(worst[0], p[0]), Math.max(worst[1], p[1]), Math.max(worst[2], p[2])};
            }
        }
        return worst;
    }

    private long[] minute(long id) {
        if (id == minuteId) {
            return minute.getTotalCount() > 0 ? of(minute) : null;
        }
        int slot = (int) Math.floorMod(id, (long) MINUTES);
        return ids[slot] == id ? percentiles[slot] : null;
    }

    private static long[] of(Histogram h) {
        return new long[] {h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getValueAtPercentile(99)};
    }
}

package io.ossaat.engine.slo;

import java.time.Duration;
import java.util.Arrays;

/**
 * A ring of fixed-width time buckets (total and good counts), indexed by bucket id ({@code epochMillis / width}).
 * A slot is reused for a newer id; reads check the id, so stale slots read as zero. Not thread safe: the owning
 * tracker guards it.
 */
final class Tier {
    final long widthMs;
    final int capacity;
    private final long[] ids;
    private final long[] totals;
    private final long[] goods;

    Tier(Duration width, int capacity) {
        this.widthMs = width.toMillis();
        this.capacity = capacity;
        this.ids = new long[capacity];
        this.totals = new long[capacity];
        this.goods = new long[capacity];
        Arrays.fill(ids, Long.MIN_VALUE);
    }

    long id(long epochMillis) {
        return Math.floorDiv(epochMillis, widthMs);
    }

    int widthSeconds() {
        return (int) (widthMs / 1000);
    }

    /** The longest span this tier can sum: one bucket less than it holds, so the oldest one is never half gone. */
    long spanMs() {
        return widthMs * (capacity - 1);
    }

    void add(long id, long total, long good) {
        int slot = slot(id);
        if (ids[slot] != id) {
            if (ids[slot] > id) {
                return; // older than this tier keeps
            }
            ids[slot] = id;
            totals[slot] = 0;
            goods[slot] = 0;
        }
        totals[slot] += total;
        goods[slot] += good;
    }

    void set(long id, long total, long good) {
        int slot = slot(id);
        if (ids[slot] > id) {
            return;
        }
        ids[slot] = id;
        totals[slot] = total;
        goods[slot] = good;
    }

    Counts get(long id) {
        int slot = slot(id);
        return ids[slot] == id ? new Counts(totals[slot], goods[slot]) : Counts.ZERO;
    }

    /** Sum of buckets {@code fromId..toId}, both inclusive. */
    Counts sum(long fromId, long toId) {
        long total = 0;
        long good = 0;
        for (long id = Math.max(fromId, toId - capacity + 1); id <= toId; id++) {
            int slot = slot(id);
            if (ids[slot] == id) {
                total += totals[slot];
                good += goods[slot];
            }
        }
        return new Counts(total, good);
    }

    private int slot(long id) {
        return (int) Math.floorMod(id, (long) capacity);
    }
}

package io.ossaat.engine.slo;

import java.time.Duration;

/**
 * Event counts of one SLO in three resolutions: 10 s buckets for the last 2 h (burn windows 5m..2h), 5 min buckets
 * for the last 3 d (6h..3d) and 1 h buckets for the last 37 d (the SLO window). Every event is added to all three, so
 * no roll-up is needed. A window of length W ending now covers the W / width latest buckets, the current (partial)
 * one included. Not thread safe: the owning tracker guards it.
 */
final class BucketHistory {
    static final Duration FINE = Duration.ofSeconds(10);

    private final Tier[] tiers = {
            new Tier(FINE, 768),
            new Tier(Duration.ofMinutes(5), 900),
            new Tier(Duration.ofHours(1), 900),
    };

    Tier[] tiers() {
        return tiers;
    }

    Tier tierOfWidth(int widthSeconds) {
        for (Tier tier : tiers) {
            if (tier.widthSeconds() == widthSeconds) {
                return tier;
            }
        }
        return null;
    }

    void add(long epochMillis, long total, long good) {
        for (Tier tier : tiers) {
            tier.add(tier.id(epochMillis), total, good);
        }
    }

    /** The events of the last {@code window}, from the finest tier that holds it in whole buckets. */
    Counts lastWindow(long nowMs, Duration window) {
        long windowMs = window.toMillis();
        for (Tier tier : tiers) {
            if (windowMs % tier.widthMs == 0 && windowMs <= tier.spanMs()) {
                long end = tier.id(nowMs);
                return tier.sum(end - windowMs / tier.widthMs + 1, end);
            }
        }
        throw new IllegalArgumentException("no tier holds a window of " + window);
    }

    /**
     * The events from {@code startMs} (a whole hour) to {@code lastMs} inclusive: whole hours from the 1 h tier, the
     * hour containing {@code lastMs} from the 10 s tier, so a point in the past does not count later events.
     */
    Counts between(long startMs, long lastMs) {
        Tier fine = tiers[0];
        Tier hours = tiers[2];
        long hourStart = Math.floorDiv(lastMs, hours.widthMs) * hours.widthMs;
        Counts partial = fine.sum(fine.id(Math.max(startMs, hourStart)), fine.id(lastMs));
        if (startMs >= hourStart) {
            return partial;
        }
        return hours.sum(hours.id(startMs), hours.id(lastMs) - 1).plus(partial);
    }

    /**
     * The events of the {@code window} ending at {@code lastMs}, as {@link #lastWindow} counts it, from the finest
     * tier that still holds that window in whole buckets at {@code nowMs}; null when none does (a 5 min window a
     * week ago).
     */
    Counts windowEndingAt(long lastMs, Duration window, long nowMs) {
        long windowMs = window.toMillis();
        for (Tier tier : tiers) {
            long end = tier.id(lastMs);
            long from = end - windowMs / tier.widthMs + 1;
            if (windowMs % tier.widthMs == 0 && from > tier.id(nowMs) - tier.capacity) {
                return tier.sum(from, end);
            }
        }
        return null;
    }
}

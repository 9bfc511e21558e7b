package io.ossaat.engine.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Buckets in this process. Full buckets are dropped when there are many keys, so IPs cannot grow the map. */
final class LocalBuckets implements RateLimiter {
    static final int SWEEP_ABOVE = 10_000;

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    LocalBuckets(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized Decision take(RateLimit limit, long now) {
            refill(limit, now);
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            return Decision.of(tokens, allowed, limit);
        }

        synchronized boolean full(RateLimit limit, long now) {
            refill(limit, now);
            return tokens >= limit.burst();
        }

        private void refill(RateLimit limit, long now) {
            tokens = Math.min(limit.burst(), tokens + (now - at) / 1e9 * limit.perSecond());
            at = now;
        }
    }

    @Override
    public Decision acquire(String key, RateLimit limit) {
        if (limit.unlimited()) {
            return Decision.UNLIMITED;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(b -> b.full(limit, now));
        }
        return buckets.computeIfAbsent(limit.name() + ":" + key, k -> new Bucket(limit.burst(), now))
                .take(limit, now);
    }
}

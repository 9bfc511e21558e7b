package io.ossaat.engine.ratelimit;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.ossaat.engine.bus.RedisBus;

/**
 * Token-bucket rate limits by key (a principal, an IP address). {@link #local} keeps the buckets in this
 * process; {@link #shared} keeps them in Redis, so instances sharing a Redis share the limits, and falls back to
 * local buckets for a while when Redis does not answer.
 */
public sealed interface RateLimiter permits LocalBuckets, RedisBuckets {

    /** Takes one token from {@code key}'s bucket if it has one. */
    Decision acquire(String key, RateLimit limit);

    static RateLimiter local() {
        return new LocalBuckets(System::nanoTime);
    }

    /** Local buckets on a clock tests can move. */
    static RateLimiter local(LongSupplier nanoTime) {
        return new LocalBuckets(nanoTime);
    }

    static RateLimiter shared(RedisBus redis) {
        return new RedisBuckets(redis, new LocalBuckets(System::nanoTime), Duration.ofSeconds(5));
    }
}

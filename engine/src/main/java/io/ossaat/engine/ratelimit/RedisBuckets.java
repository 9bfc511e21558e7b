package io.ossaat.engine.ratelimit;

import java.time.Duration;
import java.util.List;

import io.ossaat.engine.bus.RedisBus;

/**
 * Buckets in Redis, one hash per key, updated by one script so concurrent instances never lose a take. Redis's
 * clock is the only clock, so instances with skewed clocks agree. When Redis fails, the local buckets answer
 * until {@code pause} has passed, so an outage costs one timeout, not one per request.
 */
final class RedisBuckets implements RateLimiter {
    private static final System.Logger LOG = System.getLogger(RedisBuckets.class.getName());
    private static final String SCRIPT = """
            local rate = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
            local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(b[1]) or burst
            local at = tonumber(b[2]) or now
            tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
            local allowed = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
            return {allowed, tostring(tokens)}
            """;

    private final RedisBus redis;
    private final LocalBuckets fallback;
    private final long pauseNanos;
    private volatile long localUntil;

    RedisBuckets(RedisBus redis, LocalBuckets fallback, Duration pause) {
        this.redis = redis;
        this.fallback = fallback;
        this.pauseNanos = pause.toNanos();
    }

    @Override
    public Decision acquire(String key, RateLimit limit) {
        if (limit.unlimited()) {
            return Decision.UNLIMITED;
        }
        long now = System.nanoTime();
        if (now - localUntil < 0) {
            return fallback.acquire(key, limit);
        }
        try {
            List<?> r = (List<?>) redis.eval(SCRIPT, List.of("ossaat:ratelimit:" + limit.name() + ":" + key),
                    List.of(Integer.toString(limit.perSecond()), Integer.toString(limit.burst())));
            return Decision.of(Double.parseDouble(String.valueOf(r.get(1))), ((Number) r.get(0)).longValue() == 1, limit);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Redis rate limits unavailable, using local ones for "
                    + pauseNanos / 1_000_000_000 + " s: " + e.getMessage());
            localUntil = now + pauseNanos;
            return fallback.acquire(key, limit);
        }
    }
}

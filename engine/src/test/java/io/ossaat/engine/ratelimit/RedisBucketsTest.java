package io.ossaat.engine.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import io.ossaat.engine.bus.RedisBus;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two limiters on one real Redis (two engine instances) draw on the same buckets. */
class RedisBucketsTest {
    static RedisBus redis;

    @BeforeAll
    static void start() {
        redis = RedisBus.start(Optional.empty(), TestEngines.newDataDir());
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @Test
    void instancesSharingRedisShareTheBucket() {
        RateLimiter one = RateLimiter.shared(redis);
        RateLimiter two = RateLimiter.shared(redis);
        RateLimit limit = new RateLimit("principal", 1, 6);
        int allowed = 0;
        for (int i = 0; i < 6; i++) {
            allowed += one.acquire("shared-key", limit).allowed() ? 1 : 0;
            allowed += two.acquire("shared-key", limit).allowed() ? 1 : 0;
        }
        assertThat(allowed).isBetween(6, 7); // 6 at once, at most one refilled meanwhile
        Decision refused = two.acquire("shared-key", limit);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(one.acquire("other-key", limit).allowed()).isTrue();
    }
}

package io.ossaat.engine.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LocalBucketsTest {
    final AtomicLong nanos = new AtomicLong();
    final RateLimiter limiter = RateLimiter.local(nanos::get);
    final RateLimit limit = new RateLimit("principal", 2, 4);

    @Test
    void aBurstPassesThenTheRateRefills() {
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire("a", limit).allowed()).isTrue();
        }
        Decision refused = limiter.acquire("a", limit);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.resetSeconds()).isEqualTo(2);
        assertThat(refused.header(limit)).isEqualTo("\"principal\";r=0;t=2");
        assertThat(limit.policyHeader()).isEqualTo("\"principal\";q=4;w=2");

        nanos.addAndGet(500_000_000L); // half a second: one token back at 2/s
        assertThat(limiter.acquire("a", limit).allowed()).isTrue();
        assertThat(limiter.acquire("a", limit).allowed()).isFalse();
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        for (int i = 0; i < 4; i++) {
            limiter.acquire("a", limit);
        }
        assertThat(limiter.acquire("a", limit).allowed()).isFalse();
        assertThat(limiter.acquire("b", limit).allowed()).isTrue();
    }

    @Test
    void aRateOfZeroIsNoLimit() {
        RateLimit off = new RateLimit("principal", 0, 0);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.acquire("a", off).allowed()).isTrue();
        }
    }
}

package io.ossaat.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), 0.1);

    @Test
    void backoffGrowsExponentiallyUpToTheCap() {
        assertThat(policy.backoff(1, () -> 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(9, () -> 0.5)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterStaysWithinTenPercent() {
        assertThat(policy.backoff(2, () -> 0.0)).isEqualTo(Duration.ofMillis(1800));
        assertThat(policy.backoff(2, () -> 0.999999)).isEqualTo(Duration.ofMillis(2200));
    }

    @Test
    void attemptsAreSpentAtMaxAttempts() {
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
    }
}

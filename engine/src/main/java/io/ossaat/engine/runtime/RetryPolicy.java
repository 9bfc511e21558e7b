package io.ossaat.engine.runtime;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How often a retryable failure is tried again: up to {@code maxAttempts} attempts in all, waiting
 * {@code base * factor^(attempt-1)}, capped at {@code cap}, with ±{@code jitter} so retries of many steps spread out.
 */
public record RetryPolicy(int maxAttempts, Duration base, double factor, Duration cap, double jitter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.1);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    /** The wait before attempt {@code attempt + 1}, given a uniform random number in [0, 1). */
    public Duration backoff(int attempt, DoubleSupplier random) {
        double raw = base.toMillis() * Math.pow(factor, Math.max(0, attempt - 1));
        double capped = Math.min(raw, cap.toMillis());
        double jittered = capped * (1 - jitter + 2 * jitter * random.getAsDouble());
        return Duration.ofMillis(Math.round(jittered));
    }

    public boolean exhausted(int attempt) {
        return attempt >= maxAttempts;
    }
}

package io.ossaat.loadtest;

import java.util.Objects;

/**
 * One objective of one SLO from the engine's SLO file, reduced to what a load test can judge.
 *
 * <p>A {@link Kind#RATIO} objective counts good events (or bad ones) among the total: its SLI is good / total. A
 * {@link Kind#LATENCY} objective counts the events of its source within {@code thresholdSeconds}: the SLI is the
 * fraction within it, and "SLI ≥ target" is the same as "the target-th percentile ≤ threshold".
 *
 * @param name             the SLO name ({@code metadata.name}), suffixed {@code #n} when it has several objectives
 * @param kind             ratio or latency
 * @param total            the events counted (for a latency objective: its metric source)
 * @param good             the good events of a ratio objective, or {@code null} when it names bad ones
 * @param bad              the bad events of a ratio objective, or {@code null}
 * @param thresholdSeconds the latency threshold, or {@code null} for a ratio
 * @param target           the fraction of events that must be good, e.g. 0.999
 */
public record Objective(String name, Kind kind, Source total, Source good, Source bad, Double thresholdSeconds,
                        double target) {
    /** The two indicator shapes. */
    public enum Kind { RATIO, LATENCY }

    public Objective {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(total);
        if (!(target > 0 && target < 1)) {
            throw new SloFileException(name + ": target must be between 0 and 1 (exclusive), got " + target);
        }
        if (kind == Kind.LATENCY && (thresholdSeconds == null || thresholdSeconds <= 0)) {
            throw new SloFileException(name + ": a latency objective needs a positive value (seconds)");
        }
        if (kind == Kind.RATIO && (good == null) == (bad == null)) {
            throw new SloFileException(name + ": a ratio needs exactly one of good and bad");
        }
    }

    /** The fraction of events allowed to be bad: {@code 1 - target}. */
    public double errorBudget() {
        return 1 - target;
    }

    /** True when the objective counts HTTP requests (and so a client can observe it). */
    public boolean isHttp() {
        return total.isHttp();
    }

    /** The event kind the objective counts ({@code http_request}, {@code step_dispatch}). */
    public String event() {
        return total.event();
    }
}

package io.ossaat.engine.slo;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Which events an SLO counts and which of them are good.
 *
 * @param event            the kind of engine event counted
 * @param methods          HTTP methods counted (upper case); empty means every method
 * @param routes           route templates counted (as routed, e.g. {@code /v1/plans/{id}}); empty means every route
 * @param badStatuses      for a ratio SLO: the statuses that make an event bad; {@code null} for a latency SLO
 * @param latencyThreshold for a latency SLO: an event is good when it took at most this long; {@code null} for a
 *                         ratio SLO
 */
public record SloIndicator(EventKind event, Set<String> methods, Set<String> routes, StatusSet badStatuses,
                           Duration latencyThreshold) {
    public SloIndicator {
        Objects.requireNonNull(event, "event");
        methods = Set.copyOf(methods);
        routes = Set.copyOf(routes);
        if ((badStatuses == null) == (latencyThreshold == null)) {
            throw new IllegalArgumentException("an indicator has either bad statuses or a latency threshold");
        }
        if (event == EventKind.STEP_DISPATCH && badStatuses != null) {
            throw new IllegalArgumentException("step_dispatch events have no status; use a latency threshold");
        }
        if (latencyThreshold != null && (latencyThreshold.isNegative() || latencyThreshold.isZero())) {
            throw new IllegalArgumentException("the latency threshold must be positive");
        }
    }

    /** A ratio indicator: good unless the status is in {@code badStatuses}. */
    public static SloIndicator ratio(Set<String> methods, Set<String> routes, StatusSet badStatuses) {
        return new SloIndicator(EventKind.HTTP_REQUEST, methods, routes, Objects.requireNonNull(badStatuses), null);
    }

    /** A latency indicator: good when the event took at most {@code threshold}. */
    public static SloIndicator latency(EventKind event, Set<String> methods, Set<String> routes, Duration threshold) {
        return new SloIndicator(event, methods, routes, null, Objects.requireNonNull(threshold));
    }

    /** True for a latency-threshold indicator. */
    public boolean isLatency() {
        return latencyThreshold != null;
    }
}

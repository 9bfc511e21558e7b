package io.ossaat.engine.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.ossaat.engine.testing.MutableClock;

/** Drives a monitor with evenly spread requests on a {@link MutableClock}; one setup helper for the suites. */
final class Traffic {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final SloMonitor monitor;

    Traffic(List<SloDefinition> slos, long minimumEvents) {
        monitor = SloMonitor.builder().definitions(slos).clock(clock).minimumEvents(minimumEvents).build();
    }

    /** The shipped availability SLO alone (99.9 %, 30d rolling). */
    static Traffic availability() {
        return new Traffic(List.of(SloConfig.loadDefault().getFirst()), SloMonitor.DEFAULT_MINIMUM_EVENTS);
    }

    /**
     * {@code count} requests at {@code from + i * span / count}, of which {@code bad} answer 500, spread evenly
     * (every block of {@code count / bad} requests holds the same number of bad ones). Leaves the clock at
     * {@code from + span}.
     */
    Traffic requests(Instant from, Duration span, long count, long bad) {
        long spanNanos = span.toNanos();
        for (long i = 0; i < count; i++) {
            clock.set(from.plusNanos(spanNanos / count * i));
            boolean isBad = (i + 1) * bad / count > i * bad / count;
            monitor.recordRequest("GET", "/v1/plans", isBad ? 500 : 200, 1_000_000);
        }
        clock.set(from.plus(span));
        return this;
    }

    /** The availability status just before {@code end} (inside the last bucket of traffic ending there). */
    SloStatus statusJustBefore(Instant end) {
        clock.set(end.minusMillis(1));
        return monitor.statuses().getFirst();
    }

    SloStatus statusAt(Instant at) {
        clock.set(at);
        return monitor.statuses().getFirst();
    }
}

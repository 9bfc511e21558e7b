package io.ossaat.engine.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which events a window holds at its edges; calendar windows. */
class WindowTest {
    private static final Instant AT = Instant.parse("2026-03-10T10:00:00Z"); // on a 10 s, 5 min and 1 h boundary

    private static Traffic oneBadRequestAt(Instant at) {
        Traffic t = Traffic.availability();
        t.clock.set(at);
        t.monitor.recordRequest("GET", "/v1/plans", 500, 1_000);
        return t;
    }

    @Test
    void fiveMinuteWindowHoldsThirtyTenSecondBucketsEndingWithTheCurrentOne() {
        Traffic t = oneBadRequestAt(AT);

        assertThat(t.statusAt(AT.plus(Duration.ofMinutes(5)).minusMillis(1)).burnRates().get("5m")).isEqualTo(1000.0);
        assertThat(t.statusAt(AT.plus(Duration.ofMinutes(5))).burnRates().get("5m")).isZero();
        assertThat(t.statusAt(AT.plus(Duration.ofMinutes(5))).burnRates().get("30m")).isEqualTo(1000.0);
    }

    @Test
    void oneHourAndThreeDayWindowsDropTheEventExactlyWhenItsBucketLeaves() {
        Traffic t = oneBadRequestAt(AT.plusSeconds(9)); // same 10 s bucket as AT

        assertThat(t.statusAt(AT.plus(Duration.ofHours(1)).minusMillis(1)).burnRates().get("1h")).isEqualTo(1000.0);
        assertThat(t.statusAt(AT.plus(Duration.ofHours(1))).burnRates().get("1h")).isZero();
        assertThat(t.statusAt(AT.plus(Duration.ofDays(3)).minusMillis(1)).burnRates().get("3d")).isEqualTo(1000.0);
        assertThat(t.statusAt(AT.plus(Duration.ofDays(3))).burnRates().get("3d")).isZero();
    }

    @Test
    void thirtyDayRollingWindowCountsWholeHours() {
        Traffic t = oneBadRequestAt(AT.plus(Duration.ofMinutes(59)));

        assertThat(t.statusAt(AT.plus(Duration.ofDays(30)).minusMillis(1)).totalEvents()).isEqualTo(1);
        SloStatus after = t.statusAt(AT.plus(Duration.ofDays(30)));
        assertThat(after.totalEvents()).isZero();
        assertThat(after.budgetRemaining()).isEqualTo(1.0);
    }

    @Test
    void calendarMonthStartsAtMidnightUtcOnTheFirst() {
        SloDefinition monthly = monthly("0.99", "1M");
        Traffic t = new Traffic(List.of(monthly), 10);
        t.clock.set(Instant.parse("2026-01-31T23:59:59Z"));
        for (int i = 0; i < 20; i++) {
            t.monitor.recordRequest("GET", "/x", 503, 1_000);
        }
        SloStatus january = t.statusAt(Instant.parse("2026-01-31T23:59:59.999Z"));
        assertThat(january.totalEvents()).isEqualTo(20);
        assertThat(january.budgetExhausted()).isTrue();
        assertThat(january.window()).isEqualTo("calendar month");

        SloStatus february = t.statusAt(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(february.totalEvents()).isZero();
        assertThat(february.budgetRemaining()).isEqualTo(1.0);
        assertThat(february.burnRates().get("5m")).isEqualTo(100.0); // burn windows roll over the month's start

        t.monitor.recordRequest("GET", "/x", 200, 1_000);
        assertThat(t.monitor.statuses().getFirst().totalEvents()).isEqualTo(1);
        // a 28-day February: the whole budget at 1x lasts 28 days
        assertThat(monthly.window().periodLength(Instant.parse("2026-02-10T00:00:00Z")))
                .isEqualTo(Duration.ofDays(28));
    }

    @Test
    void calendarWeekStartsOnMondayUtc() {
        SloWindow week = SloWindow.calendar(ChronoUnit.WEEKS);
        assertThat(week.periodStart(Instant.parse("2026-03-12T15:00:00Z"))) // a Thursday
                .isEqualTo(Instant.parse("2026-03-09T00:00:00Z"));
        assertThat(week.periodStart(Instant.parse("2026-03-09T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-09T00:00:00Z"));

        Traffic t = new Traffic(List.of(monthly("0.99", "1w")), 10);
        t.clock.set(Instant.parse("2026-03-08T23:59:59Z")); // Sunday
        t.monitor.recordRequest("GET", "/x", 200, 1_000);
        assertThat(t.statusAt(Instant.parse("2026-03-08T23:59:59.999Z")).totalEvents()).isEqualTo(1);
        assertThat(t.statusAt(Instant.parse("2026-03-09T00:00:00Z")).totalEvents()).isZero();
    }

    private static SloDefinition monthly(String target, String duration) {
        return SloConfig.parse("""
                apiVersion: openslo/v1
                kind: SLO
                metadata: {name: monthly}
                spec:
                  indicator:
                    spec:
                      ratioMetric:
                        bad: {metricSource: {type: ossaat, spec: {event: http_request, status: [5xx]}}}
                        total: {metricSource: {type: ossaat, spec: {event: http_request}}}
                  timeWindow: [{duration: %s, isRolling: false, calendar: {timeZone: UTC}}]
                  objectives: [{target: %s}]
                """.formatted(duration, target), "test").getFirst();
    }
}

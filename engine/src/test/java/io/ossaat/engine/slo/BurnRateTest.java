package io.ossaat.engine.slo;

import static io.ossaat.engine.slo.Traffic.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Budget and burn-rate arithmetic against the SRE Workbook's worked numbers (chapter 5), 99.9 % over 30 days. */
class BurnRateTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final double EXACT = 1e-9;

    /** 71 h of clean traffic at 7,500 requests an hour, then one hour at 1.44 % errors (108 of 7,500). */
    private static Traffic badHourAfterCleanDays(long badInLastHour) {
        Traffic t = Traffic.availability();
        t.requests(T0, Duration.ofHours(71), 71 * 7_500, 0);
        t.requests(T0.plus(Duration.ofHours(71)), HOUR, 7_500, badInLastHour);
        return t;
    }

    @Test
    void onePointFourFourPercentErrorsForAnHourBurnsAt14Point4AndPages() {
        Traffic t = badHourAfterCleanDays(108);
        Instant end = T0.plus(Duration.ofHours(72));

        SloStatus s = t.statusJustBefore(end);

        assertThat(s.burnRates().get("1h")).isCloseTo(14.4, within(EXACT));
        assertThat(s.burnRates().get("5m")).isCloseTo(14.4, within(EXACT));
        assertThat(s.burnRates().get("30m")).isCloseTo(14.4, within(EXACT));
        assertThat(s.burnRates().get("6h")).isCloseTo(2.4, within(EXACT));     // 108 / 45,000 / 0.001
        assertThat(s.burnRates().get("1d")).isCloseTo(0.6, within(EXACT));     // 108 / 180,000 / 0.001
        assertThat(s.burnRates().get("3d")).isCloseTo(0.2, within(EXACT));     // 108 / 540,000 / 0.001
        assertThat(s.burnRates()).containsOnlyKeys("5m", "30m", "1h", "2h", "6h", "1d", "3d");
        assertThat(s.alert()).isEqualTo(AlertState.PAGE);
        assertThat(s.totalEvents()).isEqualTo(540_000);
        assertThat(s.goodEvents()).isEqualTo(540_000 - 108);
        assertThat(s.sli()).isCloseTo(1 - 108 / 540_000.0, within(EXACT));
        // the 30-day budget allows 540 bad events; 108 are spent: 80 % left
        assertThat(s.budgetRemaining()).isCloseTo(0.8, within(EXACT));
        assertThat(s.budgetRemainingEvents()).isCloseTo(432, within(1e-6));
        assertThat(s.budgetExhausted()).isFalse();
        // at 14.4x the whole budget lasts 30 d / 14.4 = 50 h; 80 % of it lasts 40 h
        assertThat(s.timeToExhaustionSeconds()).isCloseTo(40 * 3600.0, within(1e-3));
    }

    @Test
    void justBelowTheFastBurnFactorDoesNotPage() {
        Traffic t = badHourAfterCleanDays(100); // 1.33 % -> 13.3x

        SloStatus s = t.statusJustBefore(T0.plus(Duration.ofHours(72)));

        assertThat(s.burnRates().get("1h")).isCloseTo(100 / 7.5, within(EXACT));
        assertThat(s.alert()).isEqualTo(AlertState.NONE);
    }

    @Test
    void aCleanShortWindowEndsThePageWhileTheLongWindowStillBurns() {
        Traffic t = badHourAfterCleanDays(108);
        Instant end = T0.plus(Duration.ofHours(72));
        t.requests(end, Duration.ofMinutes(10), 1_250, 0);

        SloStatus s = t.statusJustBefore(end.plus(Duration.ofMinutes(10)));

        assertThat(s.burnRates().get("5m")).isZero();
        assertThat(s.burnRates().get("1h")).isGreaterThan(11);
        assertThat(s.alert()).isEqualTo(AlertState.NONE);
    }

    @Test
    void sixTimesOverSixHoursAndThirtyMinutesPages() {
        Traffic t = Traffic.availability();
        t.requests(T0, Duration.ofHours(18), 18 * 5_000, 0);
        // 0.6 % errors for 6 h: 6x; 1 h and 5 m also at 6x, below 14.4
        t.requests(T0.plus(Duration.ofHours(18)), Duration.ofHours(6), 6 * 5_000, 6 * 30);

        SloStatus s = t.statusJustBefore(T0.plus(Duration.ofHours(24)));

        assertThat(s.burnRates().get("6h")).isCloseTo(6, within(EXACT));
        assertThat(s.burnRates().get("30m")).isCloseTo(6, within(1e-6));
        assertThat(s.burnRates().get("1h")).isLessThan(14.4);
        assertThat(s.alert()).isEqualTo(AlertState.PAGE);
    }

    @Test
    void threeTimesOverADayAndTwoHoursOpensATicket() {
        Traffic t = Traffic.availability();
        t.requests(T0, Duration.ofHours(48), 48 * 5_000, 0);
        t.requests(T0.plus(Duration.ofHours(48)), Duration.ofHours(24), 24 * 5_000, 24 * 15); // 0.3 %

        SloStatus s = t.statusJustBefore(T0.plus(Duration.ofHours(72)));

        assertThat(s.burnRates().get("1d")).isCloseTo(3, within(EXACT));
        assertThat(s.burnRates().get("2h")).isCloseTo(3, within(1e-6));
        assertThat(s.burnRates().get("6h")).isLessThan(6);
        assertThat(s.alert()).isEqualTo(AlertState.TICKET);
    }

    @Test
    void onceOverThreeDaysAndSixHoursOpensATicket() {
        Traffic t = Traffic.availability();
        t.requests(T0, Duration.ofHours(72), 72 * 5_000, 72 * 5); // 0.1 %: exactly the budget's pace

        SloStatus s = t.statusJustBefore(T0.plus(Duration.ofHours(72)));

        assertThat(s.burnRates().get("3d")).isCloseTo(1, within(EXACT));
        assertThat(s.burnRates().get("1d")).isCloseTo(1, within(1e-6));
        assertThat(s.alert()).isEqualTo(AlertState.TICKET);
        // spending at exactly the allowed pace leaves the budget at 0 by the end of the window: 3 d spent, 27 d left
        assertThat(s.budgetRemaining()).isCloseTo(0.0, within(EXACT));
    }

    @Test
    void aFewSlowColdRequestsNeitherPageNorSpendTheBudget() {
        SloDefinition planCreate = SloConfig.loadDefault().get(1);
        Traffic t = new Traffic(List.of(planCreate), 100);
        for (int i = 0; i < 5; i++) {
            t.monitor.recordRequest("POST", "/v1/plans", 201, 300_000_000); // 300 ms: JIT still cold
        }

        SloStatus cold = t.monitor.statuses().getFirst();

        assertThat(cold.burnRates().get("1h")).isCloseTo(20, within(EXACT)); // 100 % bad / 5 % budget
        assertThat(cold.budgetRemaining()).isNegative();
        assertThat(cold.enoughData()).isFalse();
        assertThat(cold.budgetExhausted()).isFalse();
        assertThat(cold.alert()).isEqualTo(AlertState.NONE);

        for (int i = 0; i < 95; i++) {
            t.monitor.recordRequest("POST", "/plan", 201, 300_000_000);
        }
        SloStatus slow = t.monitor.statuses().getFirst();

        assertThat(slow.totalEvents()).isEqualTo(100);
        assertThat(slow.enoughData()).isTrue();
        assertThat(slow.budgetExhausted()).isTrue();
        assertThat(slow.alert()).isEqualTo(AlertState.PAGE);
    }

    @Test
    void withoutTheGuardTheSameFiveRequestsPage() {
        Traffic t = new Traffic(List.of(SloConfig.loadDefault().get(1)), 0);
        for (int i = 0; i < 5; i++) {
            t.monitor.recordRequest("POST", "/v1/plans", 201, 300_000_000);
        }

        assertThat(t.monitor.statuses().getFirst().alert()).isEqualTo(AlertState.PAGE);
    }

    @Test
    void timeToExhaustionFollowsTheOneHourBurn() {
        assertThat(SloCalculator.timeToExhaustion(0.5, 2, Duration.ofDays(30)))
                .isCloseTo(7.5 * 86_400, within(1e-6));
        assertThat(SloCalculator.timeToExhaustion(-0.1, 2, Duration.ofDays(30))).isZero();
        assertThat(SloCalculator.timeToExhaustion(0.5, 0, Duration.ofDays(30))).isNull();
    }

    @Test
    void noTrafficMeansAFullBudgetAndNoAlert() {
        SloStatus s = Traffic.availability().monitor.statuses().getFirst();

        assertThat(s.sli()).isEqualTo(1.0);
        assertThat(s.budgetRemaining()).isEqualTo(1.0);
        assertThat(s.timeToExhaustionSeconds()).isNull();
        assertThat(s.burnRates().values()).allMatch(b -> b == 0.0);
        assertThat(s.alert()).isEqualTo(AlertState.NONE);
    }
}

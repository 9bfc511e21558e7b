package io.ossaat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.ossaat.loadtest.Phases.Phase;

class PhasesTest {
    /** 6 s shortest warm-up, 20 s cap, 12 s judged. */
    private static final Profile SMOKE = Profile.SMOKE;
    private static final long T0 = 1_000_000;

    private final Phases phases = new Phases(SMOKE, "create plan p95", 95, T0);

    /** 20 samples a second from {@code from} to {@code until} (ms after T0), each taking {@code latency(t)} ms. */
    private void feed(long from, long until, java.util.function.LongUnaryOperator latency) {
        for (long t = from; t < until && phases.judgedFrom() < 0; t += 50) {
            phases.warmUpSample(T0 + t, latency.applyAsLong(t));
        }
    }

    @Test
    void aSteadyEngineIsJudgedOnceTheShortestWarmUpIsOver() {
        feed(0, 20_000, t -> 20 + t / 50 % 3);

        assertThat(phases.judgedFrom()).isEqualTo(T0 + 6_000);
        assertThat(phases.warmUpVerdict()).isEqualTo("warm-up 6.0 s: create plan p95 stable per second: 22, 22, 22, 22 ms");
    }

    @Test
    void aCoolingDownEngineIsJudgedOnlyOnceItsPercentileStopsFalling() {
        // a cold JIT: 400 ms at first, halving every 2 s down to 20 ms from the 9th second on
        feed(0, 20_000, t -> Math.max(20, 400 >> (t / 2_000)));

        // seconds 8 and 9 at 25 ms, 10 and 11 at 20 ms: the first four that agree
        assertThat(phases.judgedFrom()).isEqualTo(T0 + 12_000);
        assertThat(phases.at(T0 + 11_999)).isEqualTo(Phase.JUDGED);
    }

    @Test
    void aStallKeepsTheWarmUpGoingUntilItHasLeftBothWindows() {
        // steady 20 ms, but a 600 ms stall from 5.0 s to 5.6 s: judged once second 5 is 4 seconds back
        feed(0, 20_000, t -> t >= 5_000 && t < 5_600 ? 600 : 20);

        assertThat(phases.judgedFrom()).isEqualTo(T0 + 10_000);
    }

    @Test
    void aSlowEngineIsStablySlowAndJudgedWithoutDelay() {
        feed(0, 20_000, t -> 250 + t / 50 % 40);

        assertThat(phases.judgedFrom()).isEqualTo(T0 + 6_000);
    }

    @Test
    void theWarmUpNeverOutlastsItsCap() {
        // still getting faster all the time: halving every 3 s
        feed(0, 20_000, t -> 4_000 >> (t / 3_000));

        assertThat(phases.judgedFrom()).isEqualTo(-1);
        assertThat(phases.at(T0 + 19_999)).isEqualTo(Phase.WARM_UP);
        assertThat(phases.at(T0 + 20_000)).isEqualTo(Phase.JUDGED);
        assertThat(phases.warmUpVerdict())
                .isEqualTo("warm-up 20.0 s: cap of 20 s reached; create plan p95 per second: 125, 125, 62, 62 ms");
    }

    @Test
    void tooFewSamplesSayNothing() {
        for (long t = 0; t < 19_000; t += 250) { // 4 a second: too few to tell
            phases.warmUpSample(T0 + t, 20);
        }

        assertThat(phases.at(T0 + 19_000)).isEqualTo(Phase.WARM_UP);
    }

    @Test
    void theJudgedPhaseLastsItsSecondsThenDrainsItsUsers() {
        var started = new AtomicInteger();
        phases.onJudged(started::incrementAndGet);
        feed(0, 7_000, t -> 20);
        long from = phases.judgedFrom();

        phases.judgedUserStarted();
        assertThat(phases.at(from + 11_999)).isEqualTo(Phase.JUDGED);
        assertThat(phases.judgedLeftMs(from + 9_000)).isEqualTo(3_000);
        assertThat(phases.at(from + 12_000)).isEqualTo(Phase.OVER);
        assertThat(phases.drained(from + 12_000)).isFalse();
        phases.judgedUserEnded();
        assertThat(phases.drained(from + 12_000)).isTrue();
        assertThat(started).hasValue(1);
    }

    @Test
    void percentileIsNearestRank() {
        long[] values = new long[20];
        for (int i = 0; i < 20; i++) {
            values[i] = i + 1;
        }
        assertThat(Phases.percentile(values, 95)).isEqualTo(19);
        assertThat(Phases.percentile(values, 99)).isEqualTo(20);
        assertThat(Phases.percentile(new long[] {7}, 50)).isEqualTo(7);
    }
}

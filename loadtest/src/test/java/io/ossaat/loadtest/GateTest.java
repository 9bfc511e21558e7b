package io.ossaat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GateTest {
    private static final List<Objective> SLOS = Slos.shipped();

    private static Snapshot metrics(long createGood, long createTotal, long good, long total) {
        return new Snapshot("t", Map.of(), Map.of("plan-create-latency", new Counts(createGood, createTotal),
                                                  "api-availability", new Counts(good, total),
                                                  "health-latency", new Counts(0, 0)));
    }

    @Test
    void aSlowWarmUpDoesNotDecideTheGate() {
        // warm-up: half of 1,000 creates slow, the engine's whole-window SLI is spent; judged: 10,000 fast
        Snapshot before = metrics(500, 1_000, 2_000, 2_000);
        Snapshot after = metrics(10_500, 11_000, 22_000, 22_000);

        Gate.Verdict v = Gate.judge(SLOS, before, after, 1, 100);

        assertThat(v.passed()).isTrue();
        assertThat(v.judgements()).filteredOn(j -> j.slo().equals("plan-create-latency")).singleElement()
                .satisfies(j -> {
                    assertThat(j.total()).isEqualTo(10_000);
                    assertThat(j.burnRate()).isZero();
                    assertThat(j.source()).isEqualTo("/metrics");
                });
    }

    @Test
    void aSlowJudgedPhaseBreachesEvenAfterAGoodHistory() {
        // a million good creates before; then 10 % of 10,000 judged creates slower than the threshold
        Snapshot before = metrics(1_000_000, 1_000_000, 2_000_000, 2_000_000);
        Snapshot after = metrics(1_009_000, 1_010_000, 2_020_000, 2_020_000);

        Gate.Verdict v = Gate.judge(SLOS, before, after, 1, 100);

        assertThat(v.passed()).isFalse();
        assertThat(v.reason()).startsWith("plan-create-latency: 10 % of 10000 events slower than 50 ms")
                .contains("burn rate 2x").contains("allowed 1x = 5 %");
    }

    @Test
    void theLooseningRaisesTheAllowedBurnRate() {
        Snapshot before = metrics(0, 0, 0, 0);
        Snapshot after = metrics(9_000, 10_000, 10_000, 10_000);

        assertThat(Gate.judge(SLOS, before, after, 1, 100).passed()).isFalse();
        assertThat(Gate.judge(SLOS, before, after, Profile.SMOKE_LOOSENING, 100).passed()).isTrue();
    }

    @Test
    void theEnginesOwnCountsWinOverTheHistogram() {
        Map<String, Counts> histogram = Map.of("api-availability", new Counts(100, 100));
        Snapshot before = new Snapshot("t0", Map.of("api-availability", new Counts(0, 0),
                                                     "step-dispatch", new Counts(0, 0)), histogram);
        Snapshot after = new Snapshot("t1", Map.of("api-availability", new Counts(990, 1_000),
                                                    "step-dispatch", new Counts(500, 500)),
                                      Map.of("api-availability", new Counts(1_100, 1_100)));

        Gate.Verdict v = Gate.judge(SLOS, before, after, 1, 100);

        Gate.Judgement availability = v.judgements().stream().filter(j -> j.slo().equals("api-availability"))
                .findFirst().orElseThrow();
        assertThat(availability.source()).isEqualTo("/v1/slo");
        assertThat(availability.outcome()).isEqualTo(Gate.Outcome.BREACHED); // 1 % bad against 0.1 %
        assertThat(v.judgements()).filteredOn(j -> j.slo().equals("step-dispatch")).singleElement()
                .extracting(Gate.Judgement::outcome).isEqualTo(Gate.Outcome.MET);
    }

    @Test
    void tooFewEventsOrCountsGoingBackwardsAreNotJudged() {
        Gate.Verdict few = Gate.judge(SLOS, metrics(0, 0, 0, 0), metrics(10, 50, 50, 50), 1, 100);
        Gate.Verdict restarted = Gate.judge(SLOS, metrics(500, 500, 900, 900), metrics(100, 100, 200, 200), 1, 100);

        assertThat(few.passed()).isTrue();
        assertThat(few.judgements()).allSatisfy(j -> assertThat(j.outcome()).isEqualTo(Gate.Outcome.NOT_JUDGED));
        assertThat(restarted.judgements()).filteredOn(j -> j.slo().equals("api-availability")).singleElement()
                .satisfies(j -> assertThat(j.detail()).contains("backwards"));
    }

    @Test
    void aWindowFileRoundTripsForTheJudgeCommand(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("w.json");
        new JudgedWindow("plan-api", Profile.BUDGET, metrics(0, 0, 0, 0), metrics(90, 100, 100, 100)).write(file);

        assertThat(JudgedWindow.read(file).after().metrics().get("plan-create-latency").good()).isEqualTo(90);
        assertThat(Main.run(new String[] {"judge", "--window", file.toString(),
                "--slo", Slos.shippedFile().toString()})).isEqualTo(1);
    }
}

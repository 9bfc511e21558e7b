package io.ossaat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SloFileTest {

    @Test
    void readsEveryObjectiveOfTheShippedFile() {
        List<Objective> all = Slos.shipped();

        assertThat(all).extracting(Objective::name)
                .contains("api-availability", "plan-create-latency", "health-latency", "step-dispatch");
        Objective availability = Slos.named(all, "api-availability");
        assertThat(availability.kind()).isEqualTo(Objective.Kind.RATIO);
        assertThat(availability.total().coversEveryRoute()).isTrue();
        assertThat(availability.good().matches("GET", "/v1/plans", 200)).isTrue();
        assertThat(availability.good().matches("GET", "/v1/plans", 429)).isTrue();
        assertThat(availability.good().matches("POST", "/v1/plans", 503)).isFalse();

        Objective create = Slos.named(all, "plan-create-latency");
        assertThat(create.kind()).isEqualTo(Objective.Kind.LATENCY);
        assertThat(create.total().matches("POST", "/v1/plans", 201)).isTrue();
        assertThat(create.total().matches("POST", "/plan", 201)).isTrue();
        assertThat(create.total().matches("GET", "/v1/plans", 200)).isFalse();
        assertThat(create.total().matches("POST", "/v1/plans/{id}/cancel", 200)).isFalse();

        assertThat(Slos.named(all, "step-dispatch").isHttp()).isFalse();
    }

    @Test
    void targetsAndThresholdsAreTheFilesNumbers() {
        // read back from the file's own text, so this test does not copy the numbers either
        List<Objective> all = Slos.shipped();
        for (Objective o : all) {
            assertThat(o.target()).isBetween(0.5, 0.99999);
            if (o.kind() == Objective.Kind.LATENCY) {
                assertThat(o.thresholdSeconds()).isPositive();
            }
        }
        Objective custom = Slos.named(Slos.parse(Slos.latency("tight", "POST", "[/v1/plans]", 0.002, 0.9)), "tight");
        assertThat(custom.thresholdSeconds()).isEqualTo(0.002);
        assertThat(custom.target()).isEqualTo(0.9);
        assertThat(custom.errorBudget()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void severalObjectivesOfOneSloAreNumbered() {
        String yaml = Slos.latency("two", "GET", "[/healthz]", 0.005, 0.99)
                .replace("objectives: [{op: lte, value: 0.005, target: 0.99}]",
                         "objectives: [{op: lte, value: 0.005, target: 0.9}, {op: lte, value: 0.05, target: 0.99}]");

        assertThat(Slos.parse(yaml)).extracting(Objective::name).containsExactly("two#1", "two#2");
    }

    @Test
    void aSourceOfAnotherTypeIsRefusedWithTheSlosName() {
        String yaml = Slos.latency("prom", "GET", "[/healthz]", 0.005, 0.99).replace("type: ossaat", "type: Prometheus");

        assertThatThrownBy(() -> Slos.parse(yaml)).isInstanceOf(SloFileException.class)
                .hasMessageContaining("prom").hasMessageContaining("Prometheus");
    }

    @Test
    void aBadStatusPatternOrTargetIsRefused() {
        String ratio = """
                kind: SLO
                metadata: {name: avail}
                spec:
                  indicator:
                    spec:
                      ratioMetric:
                        good: {metricSource: {type: ossaat, spec: {event: http_request, excludeStatus: [%s]}}}
                        total: {metricSource: {type: ossaat, spec: {event: http_request}}}
                  objectives: [{target: %s}]
                """;

        assertThatThrownBy(() -> Slos.parse(ratio.formatted("5XX0", "0.999")))
                .isInstanceOf(SloFileException.class).hasMessageContaining("5XX0");
        assertThatThrownBy(() -> Slos.parse(ratio.formatted("5xx", "99.9")))
                .isInstanceOf(SloFileException.class).hasMessageContaining("avail");
        assertThat(Slos.parse(ratio.formatted("5xx, 429", "0.99")).getFirst().good().matches("GET", "/x", 429))
                .isFalse();
    }

    @Test
    void aMissingFileSaysWhich() {
        assertThatThrownBy(() -> SloFile.load(java.nio.file.Path.of("no/such/slo.yaml")))
                .isInstanceOf(SloFileException.class).hasMessageContaining("no/such/slo.yaml");
    }
}

package io.ossaat.engine.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloConfigTest {
    static final String LATENCY = """
            apiVersion: openslo/v1
            kind: SLO
            metadata:
              name: %s
            spec:
              service: svc
              indicator:
                spec:
                  thresholdMetric:
                    metricSource:
                      type: ossaat
                      spec:
                        event: http_request
                        method: get
                        routes: [/v1/things]
              timeWindow:
                - duration: %s
                  isRolling: %s
              objectives:
                - op: lte
                  value: 0.1
                  target: %s
            """;

    @Test
    void shippedDefaultsDeclareTheFourSlos() {
        List<SloDefinition> slos = SloConfig.loadDefault();

        assertThat(slos).extracting(SloDefinition::name)
                .containsExactly("api-availability", "plan-create-latency", "health-latency", "step-dispatch");
        SloDefinition availability = slos.get(0);
        assertThat(availability.objective()).isEqualTo(0.999);
        assertThat(availability.errorBudget()).isEqualTo(0.001);
        assertThat(availability.window()).isEqualTo(SloWindow.rolling(Duration.ofDays(30)));
        assertThat(availability.indicator().isLatency()).isFalse();
        assertThat(availability.indicator().methods()).isEmpty();
        assertThat(availability.indicator().routes()).isEmpty();
        assertThat(availability.indicator().badStatuses().contains(500)).isTrue();
        assertThat(availability.indicator().badStatuses().contains(503)).isTrue();
        assertThat(availability.indicator().badStatuses().contains(404)).isFalse();
        assertThat(availability.indicator().badStatuses().contains(200)).isFalse();

        SloIndicator plan = slos.get(1).indicator();
        assertThat(slos.get(1).objective()).isEqualTo(0.95);
        assertThat(plan.methods()).containsExactly("POST");
        assertThat(plan.routes()).containsExactlyInAnyOrder("/v1/plans", "/plan");
        assertThat(plan.latencyThreshold()).isEqualTo(Duration.ofMillis(50));

        assertThat(slos.get(2).indicator().latencyThreshold()).isEqualTo(Duration.ofMillis(5));
        assertThat(slos.get(2).indicator().routes()).containsExactly("/healthz");
        assertThat(slos.get(2).objective()).isEqualTo(0.99);

        SloIndicator step = slos.get(3).indicator();
        assertThat(step.event()).isEqualTo(EventKind.STEP_DISPATCH);
        assertThat(step.latencyThreshold()).isEqualTo(Duration.ofSeconds(1));
        assertThat(slos.get(3).objective()).isEqualTo(0.99);
    }

    @Test
    void overrideFileReplacesTheDefaultsAndAMissingOneFallsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("slo.yaml");
        assertThat(SloConfig.loadOrDefault(file)).hasSize(4);
        assertThat(SloConfig.loadOrDefault(null)).hasSize(4);

        Files.writeString(file, LATENCY.formatted("things-fast", "1M", "false", "0.9"));
        List<SloDefinition> slos = SloConfig.loadOrDefault(file);

        assertThat(slos).hasSize(1);
        SloDefinition slo = slos.getFirst();
        assertThat(slo.name()).isEqualTo("things-fast");
        assertThat(slo.window()).isEqualTo(SloWindow.calendar(ChronoUnit.MONTHS));
        assertThat(slo.indicator().methods()).containsExactly("GET");
        assertThat(slo.indicator().latencyThreshold()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void badTargetNamesFileSloAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("slo.yaml");
        Files.writeString(file, LATENCY.formatted("things-fast", "30d", "true", "1.5"));

        assertThatThrownBy(() -> SloConfig.load(file))
                .isInstanceOf(SloConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("SLO 'things-fast'")
                .hasMessageContaining("spec.objectives[0].target")
                .hasMessageContaining("1.5");
    }

    @Test
    void calendarWeekAndRollingHoursParse() {
        assertThat(SloConfig.parse(LATENCY.formatted("a", "1w", "false", "0.9"), "x").getFirst().window())
                .isEqualTo(SloWindow.calendar(ChronoUnit.WEEKS));
        assertThat(SloConfig.parse(LATENCY.formatted("a", "12h", "true", "0.9"), "x").getFirst().window())
                .isEqualTo(SloWindow.rolling(Duration.ofHours(12)));
    }

    @Test
    void problemsAreNamedPrecisely() {
        assertProblem(LATENCY.formatted("a", "30x", "true", "0.9"), "SLO 'a'", "spec.timeWindow[0].duration",
                      "30x");
        assertProblem(LATENCY.formatted("a", "90d", "true", "0.9"), "SLO 'a'", "35d");
        assertProblem(LATENCY.formatted("a", "2M", "false", "0.9"), "SLO 'a'", "1M or 1w");
        assertProblem(LATENCY.formatted("a", "30d", "true", "0.9").replace("http_request", "tcp"),
                      "SLO 'a'", "metricSource.spec.event", "tcp");
        assertProblem(LATENCY.formatted("a", "30d", "true", "0.9").replace("op: lte", "op: gte"),
                      "SLO 'a'", "objectives[0].op", "gte");
        assertProblem(LATENCY.formatted("Bad_Name", "30d", "true", "0.9"), "SLO 'Bad_Name'", "lower-case");
        assertProblem(LATENCY.formatted("a", "30d", "true", "0.9") + "---\n"
                      + LATENCY.formatted("a", "30d", "true", "0.9"), "SLO 'a'", "earlier SLO");
        assertProblem("kind: [unclosed", "not valid YAML");
        assertProblem("apiVersion: openslo/v1\nkind: AlertPolicy\n", "document 1", "kind");
        assertProblem(LATENCY.formatted("a", "30d", "true", "0.9").replace("metadata:\n  name: a\n", ""),
                      "document 1", "'metadata' is missing");
    }

    @Test
    void ratioMetricTakesGoodOrBadStatuses() {
        String ratio = """
                apiVersion: openslo/v1
                kind: SLO
                metadata: {name: r}
                spec:
                  indicator:
                    spec:
                      ratioMetric:
                        %s:
                          metricSource: {type: ossaat, spec: {event: http_request, status: %s}}
                        total:
                          metricSource: {type: ossaat, spec: {event: http_request}}
                  timeWindow: [{duration: 7d, isRolling: true}]
                  objectives: [{targetPercent: 99}]
                """;
        StatusSet bad = SloConfig.parse(ratio.formatted("bad", "[5xx, 429]"), "x").getFirst()
                .indicator().badStatuses();
        assertThat(bad.contains(429)).isTrue();
        assertThat(bad.contains(502)).isTrue();
        assertThat(bad.contains(404)).isFalse();

        SloDefinition good = SloConfig.parse(ratio.formatted("good", "[2xx, 3xx]"), "x").getFirst();
        assertThat(good.objective()).isEqualTo(0.99);
        assertThat(good.indicator().badStatuses().contains(204)).isFalse();
        assertThat(good.indicator().badStatuses().contains(404)).isTrue();

        assertProblem(ratio.formatted("bad", "[6xx]"), "SLO 'r'", "'6xx' is not an HTTP status");
    }

    @Test
    void statusSetsMatchCodesAndClasses() {
        StatusSet set = StatusSet.of(List.of("5xx", "429"));
        assertThat(Set.of(500, 599, 429)).allMatch(set::contains);
        assertThat(Set.of(200, 428, 499, 600, -1)).noneMatch(set::contains);
        assertThat(StatusSet.allBut(List.of("2xx")).contains(200)).isFalse();
        assertThat(StatusSet.allBut(List.of("2xx")).contains(500)).isTrue();
    }

    private static void assertProblem(String yaml, String... fragments) {
        assertThatThrownBy(() -> SloConfig.parse(yaml, "test.yaml"))
                .isInstanceOf(SloConfigException.class)
                .hasMessageStartingWith("test.yaml: ")
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
    }
}

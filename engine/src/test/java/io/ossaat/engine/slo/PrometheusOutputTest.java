package io.ossaat.engine.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The metrics text, the rules YAML and the JSON shape, each parsed back. */
class PrometheusOutputTest {
    private static final Pattern SAMPLE = Pattern.compile("([a-z_]+)\\{slo=\"([^\"]*)\"(?:,([a-z]+)=\"([^\"]*)\")?} (\\S+)");

    /** The shipped SLOs with one page-worthy availability hour. */
    private static Traffic pagingTraffic() {
        Traffic t = new Traffic(SloConfig.loadDefault(), 100);
        t.requests(Traffic.T0, Duration.ofHours(1), 1_000, 100);
        t.clock.set(Traffic.T0.plus(Duration.ofHours(1)).minusMillis(1));
        return t;
    }

    @Test
    void metricsTextParsesBackToTheStatuses() {
        Traffic t = pagingTraffic();
        StringBuilder out = new StringBuilder("# other metrics before\n");
        t.monitor.appendPrometheus(out);

        Map<String, String> types = new HashMap<>();
        Map<String, Double> samples = new LinkedHashMap<>();
        String family = null;
        for (String line : out.toString().split("\n")) {
            if (line.startsWith("# HELP ")) {
                family = line.split(" ")[2];
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                assertThat(parts[2]).as("TYPE follows HELP of the same family").isEqualTo(family);
                types.put(parts[2], parts[3]);
            } else if (!line.startsWith("#")) {
                Matcher m = SAMPLE.matcher(line);
                assertThat(m.matches()).as(line).isTrue();
                assertThat(m.group(1)).as("sample in its family's block").isEqualTo(family);
                String key = m.group(1) + "/" + m.group(2) + (m.group(3) == null ? "" : "/" + m.group(4));
                assertThat(samples.put(key, Double.parseDouble(m.group(5)))).as("duplicate " + key).isNull();
            }
        }

        assertThat(types).containsOnlyKeys("ossaat_slo_sli", "ossaat_slo_objective",
                                           "ossaat_slo_error_budget_remaining", "ossaat_slo_burn_rate",
                                           "ossaat_slo_alert");
        assertThat(types.values()).containsOnly("gauge");
        SloStatus availability = t.monitor.statuses().getFirst();
        assertThat(samples.get("ossaat_slo_sli/api-availability")).isEqualTo(0.9);
        assertThat(samples.get("ossaat_slo_objective/api-availability")).isEqualTo(0.999);
        assertThat(samples.get("ossaat_slo_error_budget_remaining/api-availability"))
                .isEqualTo(availability.budgetRemaining());
        assertThat(samples.get("ossaat_slo_burn_rate/api-availability/1h")).isEqualTo(100.0);
        assertThat(samples.get("ossaat_slo_alert/api-availability/page")).isEqualTo(1.0);
        assertThat(samples.get("ossaat_slo_alert/api-availability/ticket")).isEqualTo(0.0);
        assertThat(samples.get("ossaat_slo_alert/health-latency/page")).isEqualTo(0.0);
        // 4 SLOs: sli, objective, budget, 7 burn windows, 2 severities
        assertThat(samples).hasSize(4 * (3 + 7 + 2));
    }

    @Test
    @SuppressWarnings("unchecked")
    void rulesHaveARecordPerWindowAndAGuardedAlertPerSeverity() {
        String yaml = PrometheusRules.render(SloConfig.loadDefault(), 100);

        Map<String, Object> root = new Yaml().load(yaml);
        List<Map<String, Object>> groups = (List<Map<String, Object>>) root.get("groups");
        assertThat(groups).extracting(g -> g.get("name")).containsExactly(
                "ossaat-slo-api-availability", "ossaat-slo-plan-create-latency", "ossaat-slo-health-latency",
                "ossaat-slo-step-dispatch");
        for (Map<String, Object> group : groups) {
            List<Map<String, Object>> rules = (List<Map<String, Object>>) group.get("rules");
            String slo = ((String) group.get("name")).substring("ossaat-slo-".length());
            List<Object> records = rules.stream().filter(r -> r.containsKey("record")).map(r -> r.get("record"))
                    .toList();
            assertThat(records).containsExactly(
                    "ossaat_slo:error_ratio:rate5m", "ossaat_slo:error_ratio:rate30m", "ossaat_slo:error_ratio:rate1h",
                    "ossaat_slo:error_ratio:rate2h", "ossaat_slo:error_ratio:rate6h", "ossaat_slo:error_ratio:rate1d",
                    "ossaat_slo:error_ratio:rate3d", "ossaat_slo:error_ratio:rate30d",
                    "ossaat_slo:events:increase1h", "ossaat_slo:events:increase6h", "ossaat_slo:events:increase1d",
                    "ossaat_slo:events:increase3d", "ossaat_slo:objective", "ossaat_slo:error_budget_remaining");
            assertThat(rules).filteredOn(r -> r.containsKey("record"))
                    .allSatisfy(r -> assertThat((Map<String, Object>) r.get("labels")).containsEntry("slo", slo));
            List<Map<String, Object>> alerts = rules.stream().filter(r -> r.containsKey("alert")).toList();
            assertThat(alerts).extracting(a -> ((Map<String, Object>) a.get("labels")).get("severity"))
                    .containsExactly("page", "ticket");
            assertThat(alerts).extracting(a -> a.get("alert")).containsOnly("OssaatSloErrorBudgetBurn");
        }

        List<Map<String, Object>> availability = (List<Map<String, Object>>) groups.get(0).get("rules");
        assertThat((String) availability.get(0).get("expr")).isEqualTo(
                "(sum(rate(http_server_requests_seconds_count{status=~\"5..\"}[5m])) or vector(0))"
                + " / sum(rate(http_server_requests_seconds_count[5m]))");
        String page = (String) availability.stream().filter(r -> r.containsKey("alert")).findFirst().orElseThrow()
                .get("expr");
        assertThat(page).contains(
                "ossaat_slo:error_ratio:rate1h{slo=\"api-availability\"} >= (14.4 * 0.001)",
                "ossaat_slo:error_ratio:rate5m{slo=\"api-availability\"} >= (14.4 * 0.001)",
                "ossaat_slo:events:increase1h{slo=\"api-availability\"} >= 100",
                "ossaat_slo:error_ratio:rate6h{slo=\"api-availability\"} >= (6 * 0.001)",
                "ossaat_slo:error_ratio:rate30m{slo=\"api-availability\"} >= (6 * 0.001)");

        List<Map<String, Object>> plan = (List<Map<String, Object>>) groups.get(1).get("rules");
        assertThat((String) plan.get(2).get("expr")).isEqualTo(
                "1 - (sum(rate(http_server_requests_seconds_bucket{method=~\"POST\",uri=~\"/plan|/v1/plans\","
                + "le=~\"0\\\\.05\"}[1h])) / sum(rate(http_server_requests_seconds_count{method=~\"POST\","
                + "uri=~\"/plan|/v1/plans\"}[1h])))");
        List<Map<String, Object>> step = (List<Map<String, Object>>) groups.get(3).get("rules");
        assertThat((String) step.get(0).get("expr")).contains("ossaat_step_dispatch_seconds_bucket{le=~\"1|1\\\\.0\"}[5m]");
        assertThat(yaml).startsWith("# Prometheus rules for the ossaat SLOs");
    }

    @Test
    void promtoolAcceptsTheRules(@TempDir Path dir) throws IOException, InterruptedException {
        Path promtool = Path.of("/usr/bin/promtool");
        Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool not installed (apt-get install prometheus)");
        Path file = dir.resolve("ossaat-slo.rules.yml");
        Files.writeString(file, PrometheusRules.render(SloConfig.loadDefault()));

        Process p = new ProcessBuilder(promtool.toString(), "check", "rules", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS: 64 rules found");
    }

    @Test
    void statusAndDetailSerialiseAsPlainJson() throws IOException {
        Traffic t = pagingTraffic();
        ObjectMapper json = new ObjectMapper(); // no java.time module needed

        JsonNode status = json.readTree(json.writeValueAsString(t.monitor.statuses()));
        JsonNode detail = json.readTree(json.writeValueAsString(
                t.monitor.detail("api-availability", Duration.ofHours(1)).orElseThrow()));

        JsonNode first = status.get(0);
        assertThat(first.get("name").asText()).isEqualTo("api-availability");
        assertThat(first.get("alert").asText()).isEqualTo("PAGE");
        assertThat(first.get("objective").asDouble()).isEqualTo(0.999);
        assertThat(first.get("burnRates").get("1h").asDouble()).isEqualTo(100.0);
        assertThat(first.get("evaluatedAt").asText()).isEqualTo("2026-03-01T00:59:59.999Z");
        assertThat(first.get("timeToExhaustionSeconds").asDouble()).isZero();
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).contains("budgetRemaining", "budgetRemainingEvents", "totalEvents", "goodEvents",
                                    "budgetExhausted", "enoughData", "sli", "service", "description", "window");
        assertThat(detail.get("status").get("name").asText()).isEqualTo("api-availability");
        assertThat(detail.get("points")).hasSize(60);
        assertThat(detail.get("points").get(59).get("total").asLong()).isGreaterThan(0);
    }
}

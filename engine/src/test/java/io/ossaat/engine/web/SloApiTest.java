package io.ossaat.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Engine;
import io.ossaat.engine.cli.Main;
import io.ossaat.engine.config.EngineConfig;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.SseReader;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The SLO monitor measures this engine's own requests and steps, and shows it on the API, /metrics and the CLI. */
class SloApiTest {
    static Engine engine;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        Path dir = TestEngines.newDataDir();
        // an impossible health-latency threshold (1 µs): every /healthz is a bad event, so its budget is spent
        String shipped = new String(SloApiTest.class.getClassLoader().getResourceAsStream("slo/slo.yaml").readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(shipped).contains("value: 0.005");
        Files.writeString(dir.resolve("slo.yaml"), shipped.replace("value: 0.005", "value: 0.000001"));
        engine = TestEngines.start(EngineConfig.forDataDir(dir));
        api = TestEngines.api(engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static JsonNode status(String name) {
        for (JsonNode s : api.get("/v1/slo").json().get("items")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no SLO " + name);
    }

    @Test
    void theFourDefaultSlosAreListed() {
        JsonNode items = api.get("/v1/slo").json().get("items");
        assertThat(items.findValuesAsText("name"))
                .containsExactlyInAnyOrder("api-availability", "plan-create-latency", "health-latency", "step-dispatch");
        JsonNode availability = status("api-availability");
        assertThat(availability.get("objective").asDouble()).isEqualTo(0.999);
        assertThat(availability.get("burnRates").has("1h")).isTrue();
    }

    @Test
    void requestsAndStepsAreCountedFromTheEngineItself() {
        long before = status("plan-create-latency").get("totalEvents").asLong();
        long dispatchedBefore = status("step-dispatch").get("totalEvents").asLong();
        for (int i = 0; i < 5; i++) {
            api.createPlan("measure me " + i);
        }
        JsonNode planCreate = status("plan-create-latency");
        assertThat(planCreate.get("totalEvents").asLong()).isEqualTo(before + 5);
        // live percentiles for charts, on latency SLOs only
        assertThat(planCreate.get("p95Millis").asDouble()).isPositive();
        assertThat(planCreate.get("p99Millis").asDouble()).isGreaterThanOrEqualTo(planCreate.get("p50Millis").asDouble());
        assertThat(status("api-availability").get("p95Millis").isNull()).isTrue();
        // each plan's first step (index_repo, no workspace) is dispatched and then fails
        await().atMost(Duration.ofSeconds(20)).until(() ->
                status("step-dispatch").get("totalEvents").asLong() >= dispatchedBefore + 5);
    }

    @Test
    void aSpentBudgetMakesTheCliExitNonZeroAndAHealthyOneZero() {
        for (int i = 0; i < 150; i++) {
            assertThat(api.get("/healthz").status()).isEqualTo(200);
        }
        JsonNode health = status("health-latency");
        assertThat(health.get("budgetExhausted").asBoolean()).isTrue();
        assertThat(health.get("alert").asText()).isEqualTo("PAGE");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute("slo", "status", "--url", api.base(), "--token", api.token());
        } finally {
            System.setOut(old);
        }
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("health-latency").contains("PAGE");
        assertThat(Main.commandLine().execute("slo", "status", "--url", api.base(), "--token", "wrong")).isEqualTo(3);
        assertThat(Main.commandLine().execute("slo", "status", "--url", "http://127.0.0.1:1")).isEqualTo(3);
    }

    @Test
    void detailHasTimeSeriesAndUnknownSlosAre404() {
        api.createPlan("for the chart");
        JsonNode detail = api.get("/v1/slo/plan-create-latency?range=15m").json();
        assertThat(detail.get("status").get("name").asText()).isEqualTo("plan-create-latency");
        assertThat(detail.get("points").size()).isPositive();
        assertThat(api.get("/v1/slo/nope").status()).isEqualTo(404);
        assertThat(api.get("/v1/slo/plan-create-latency?range=forever").status()).isEqualTo(400);
        assertThat(api.get("/v1/slo/plan-create-latency?range=1h&points=360").json().get("points").size())
                .isEqualTo(360);
        assertThat(detail.get("alertRules").get(0).get("factor").asDouble()).isEqualTo(14.4);
        assertThat(detail.get("points").get(0).get("burnRates").has("5m")).isTrue();
        for (String bad : new String[] {"0", "2001", "many"}) {
            Api.Response r = api.get("/v1/slo/plan-create-latency?range=1h&points=" + bad);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("points");
        }
    }

    @Test
    void theStreamSendsASnapshotEverySecond() {
        try (SseReader sse = new SseReader(api, "/v1/slo/stream", null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sse.events().size() >= 2);
            assertThat(sse.events().getFirst().name()).isEqualTo("slo");
            assertThat(sse.events().getFirst().data().isArray()).isTrue();
            assertThat(sse.events().getFirst().data().size()).isEqualTo(4);
        }
    }

    @Test
    void metricsCarryTheSloGaugesBesideTheRequestHistogram() {
        api.get("/v1/plans");
        String metrics = api.get("/metrics").body();
        assertThat(metrics).contains("ossaat_slo_sli{slo=\"api-availability\"}")
                .contains("ossaat_slo_burn_rate{slo=\"api-availability\",window=\"1h\"}")
                .contains("ossaat_slo_alert{slo=\"health-latency\",severity=\"page\"}")
                .contains("http_server_requests_seconds_bucket{method=\"GET\",uri=\"/v1/plans\",status=\"200\",le=\"0.05\"}")
                .contains("ossaat_step_dispatch_seconds_count");
        for (String line : metrics.lines().toList()) {
            if (!line.startsWith("#") && !line.isBlank()) {
                assertThat(line).as("exposition line").matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? [-+0-9.eENaInf]+");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void rulesAreValidPrometheusRuleGroups() {
        Api.Response r = api.get("/v1/slo/rules");
        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> doc = new Yaml().load(r.body());
        List<Map<String, Object>> groups = (List<Map<String, Object>>) doc.get("groups");
        assertThat(groups).isNotEmpty();
        assertThat(r.body()).contains("alert:").contains("record:");
    }
}

package io.ossaat.console.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ossaat.engine.Engine;
import io.ossaat.engine.Json;
import io.ossaat.engine.StartupListener;
import io.ossaat.engine.config.EngineConfig;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.MutableClock;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;

/**
 * A real engine on a clock the tests move, with a month of SLO history made by real requests: the clock is set back
 * 29 days and moved forward while {@code GET /v1/plans/{id}} requests for plans that do not exist (404, bad for the
 * {@value #SLO} SLO written into its data dir) and that do (200, good) go over the socket. The engine records and
 * stores them as it records any request. One per JVM; the clock ends at the real time it started at.
 */
public final class HistoryEngine {
    /** Good unless a plan lookup answers 404. */
    public static final String SLO = "plan-lookups";
    /** An agent with one step that waits for a human and then runs the plan's test command with a 1 s timeout. */
    public static final String FLAKY = "flaky";
    /** When the generated history ends: the clock stays here until a test moves it. */
    public final Instant end;
    public final MutableClock clock;
    public final Engine engine;
    public final Api api;
    private final List<Instant> requests = new ArrayList<>();
    private final List<Instant> bad = new ArrayList<>();

    private static HistoryEngine shared;

    public static synchronized HistoryEngine get() {
        if (shared == null) {
            shared = new HistoryEngine();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.engine::close));
        }
        return shared;
    }

    private HistoryEngine() {
        Path dir = TestEngines.newDataDir();
        try (InputStream shipped = Engine.class.getResourceAsStream("/slo/slo.yaml")) {
            String slos = new String(shipped.readAllBytes(), StandardCharsets.UTF_8) + """
                    ---
                    apiVersion: openslo/v1
                    kind: SLO
                    metadata:
                      name: plan-lookups
                      displayName: Plan lookups
                    spec:
                      service: ossaat-engine
                      description: 99 % of plan lookups find their plan.
                      budgetingMethod: Occurrences
                      indicator:
                        metadata:
                          name: plan-lookups-found
                        spec:
                          ratioMetric:
                            counter: true
                            good:
                              metricSource:
                                type: ossaat
                                spec:
                                  event: http_request
                                  method: GET
                                  routes: ["/v1/plans/{id}"]
                                  excludeStatus: [404]
                            total:
                              metricSource:
                                type: ossaat
                                spec:
                                  event: http_request
                                  method: GET
                                  routes: ["/v1/plans/{id}"]
                      timeWindow:
                        - duration: 30d
                          isRolling: true
                      objectives:
                        - displayName: found
                          target: 0.99
                    """;
            Files.writeString(dir.resolve("slo.yaml"), slos);
            Path agent = dir.resolve("agents/" + FLAKY + "/agent.md");
            Files.createDirectories(agent.getParent());
            Files.writeString(agent, """
                    ---
                    name: flaky
                    capabilities: [test.run]
                    approval_policy:
                      test.run: human
                    steps:
                      - {action: run_tests, tool: test_runner, capability: test.run, timeout_seconds: 1}
                    ---
                    """);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        end = Instant.now();
        clock = new MutableClock(end.minus(Duration.ofDays(29)));
        engine = Engine.start(EngineConfig.forDataDir(dir), StartupListener.NONE, clock);
        api = TestEngines.api(engine);
        generate();
    }

    /**
     * Hourly traffic for 29 days with an incident 20 days ago, every 5 minutes for the last 6 hours, every minute for
     * the last hour, which burns fast enough to page.
     */
    private void generate() {
        String found = api.post("/v1/plans", Json.write(Map.of("goal", "a plan to look up",
                "workspace", Workspaces.gitRepo().toString(), "inputs", Map.of("patch", Workspaces.NEW_FILE_PATCH))))
                .json().get("id").asText();
        Instant t = end.minus(Duration.ofDays(29));
        while (t.isBefore(end)) {
            Duration age = Duration.between(t, end);
            int badOfSix = age.compareTo(Duration.ofDays(20)) <= 0 && age.compareTo(Duration.ofDays(20).minusHours(6)) > 0
                    ? 3 : age.compareTo(Duration.ofHours(1)) <= 0 ? 1 : 0;
            clock.set(t);
            for (int i = 0; i < 6; i++) {
                boolean isBad = i < badOfSix;
                int status = api.get("/v1/plans/" + (isBad ? "no-such-plan" : found)).status();
                if (status != (isBad ? 404 : 200)) {
                    throw new IllegalStateException("a lookup answered " + status);
                }
                requests.add(t);
                if (isBad) {
                    bad.add(t);
                }
            }
            Duration step = age.compareTo(Duration.ofHours(1)) <= 0 ? Duration.ofMinutes(1)
                    : age.compareTo(Duration.ofHours(6)) <= 0 ? Duration.ofMinutes(5) : Duration.ofHours(1);
            t = t.plus(step);
        }
        clock.set(end);
    }

    /** Moves the engine's clock (timeouts and retry backoff run on it) and wakes its dispatcher. */
    public void advance(Duration d) {
        clock.advance(d);
        engine.runtime().poke();
    }

    /** Requests generated at or after {@code from}. */
    public long requestsSince(Instant from) {
        return requests.stream().filter(t -> !t.isBefore(from)).count();
    }

    public long badSince(Instant from) {
        return bad.stream().filter(t -> !t.isBefore(from)).count();
    }
}

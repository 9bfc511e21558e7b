package io.ossaat.loadtest;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * What every simulation shares: the target and profile (system properties {@code ossaat.url},
 * {@code ossaat.profile} and the overrides {@link Profile#fromProperties} reads; the token from
 * {@code OSSAAT_TOKEN} so it stays off command lines), the objectives from the SLO file ({@code ossaat.slo}), the
 * assertions derived from them, and the engine-count snapshots around the judged phase for the gate.
 *
 * <p>Phases: the warm-up scenario's requests sit in the group {@value #WARM_UP}, the judged scenario's in
 * {@value #JUDGED}; assertions only look at {@value #JUDGED}.
 */
final class LoadRun {
    static final String WARM_UP = "warm-up";
    static final String JUDGED = "judged";
    static final String WATCH = "watch";

    final String simulation;
    final URI url;
    final String token;
    final Profile profile;
    final List<Objective> objectives;
    final EngineProbe probe;
    final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final Path windowFile;
    private final AtomicReference<Snapshot> before = new AtomicReference<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ossaat-judged-window");
        t.setDaemon(true);
        return t;
    });

    LoadRun(String simulation) {
        this.simulation = simulation;
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(k.toString(), v.toString()));
        this.url = URI.create(props.getOrDefault("ossaat.url", "http://127.0.0.1:7070"));
        this.token = System.getenv().getOrDefault("OSSAAT_TOKEN", "").trim();
        this.profile = Profile.fromProperties(props);
        this.objectives = SloFile.load(Main.sloFile(Map.of()));
        this.probe = new EngineProbe(url, token);
        this.windowFile = Path.of(props.getOrDefault("ossaat.window.dir", "target/ossaat"))
                .resolve(simulation + "-judged-window.json");
    }

    HttpProtocolBuilder protocol() {
        HttpProtocolBuilder p = http.baseUrl(url.toString())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("ossaat-loadtest/" + simulation)
                .shareConnections();
        return token.isEmpty() ? p : p.authorizationHeader("Bearer " + token);
    }

    /** The assertions on the judged group, one per derived threshold on the routes this simulation always calls. */
    List<Assertion> assertions(Set<Route> alwaysCalled) {
        List<Assertion> out = new ArrayList<>();
        System.out.println("ossaat: " + simulation + " profile " + profile + " against " + url);
        for (Threshold t : Thresholds.derive(objectives, profile, alwaysCalled)) {
            System.out.println("ossaat: judged by " + t.describe());
            var path = t.route() == null ? details(JUDGED) : details(JUDGED, t.route().requestName());
            out.add(t.kind() == Threshold.Kind.LATENCY_MS
                    ? path.responseTime().percentile(t.percentile()).lte((int) Math.floor(t.limit()))
                    : path.failedRequests().percent().lte(t.limit()));
        }
        for (Objective o : Thresholds.engineOnly(objectives)) {
            System.out.println("ossaat: " + o.name() + " counts " + o.event() + " events: judged by the engine-side gate");
        }
        return out;
    }

    /** Call from {@code before()}: the "before" snapshot is taken when the warm-up ends. */
    void openWindow() {
        probe.snapshot(objectives); // fail fast when the engine is not there or the token is wrong
        timer.schedule(() -> {
            try {
                before.set(probe.snapshot(objectives));
            } catch (RuntimeException e) {
                System.err.println("ossaat: the judged-phase snapshot failed: " + e.getMessage());
            }
        }, profile.warmUpSeconds() * 1000L, TimeUnit.MILLISECONDS);
    }

    /** Call from {@code after()}: every judged request has finished; write both snapshots for the gate. */
    void closeWindow() {
        timer.shutdownNow();
        Snapshot start = before.get();
        if (start == null) {
            System.err.println("ossaat: no snapshot at the start of the judged phase; the gate cannot judge");
            return;
        }
        new JudgedWindow(simulation, profile, start, probe.snapshot(objectives)).write(windowFile);
        System.out.println("ossaat: judged-phase counts written to " + windowFile.toAbsolutePath());
    }
}

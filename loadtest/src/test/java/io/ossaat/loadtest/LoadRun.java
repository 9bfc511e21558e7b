package io.ossaat.loadtest;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * What every simulation shares: the target and profile (system properties {@code ossaat.url}, one URL or several
 * engines of a cluster separated by commas, which the virtual users are spread over round-robin;
 * {@code ossaat.profile} and the overrides {@link Profile#fromProperties} reads; the token from
 * {@code OSSAAT_TOKEN} so it stays off command lines), the objectives from the SLO file ({@code ossaat.slo}), the
 * assertions derived from them, and the engine-count snapshots around the judged phase for the gate.
 *
 * <p>Phases ({@link Phases}): users arrive at the profile's rate throughout; a user's phase is the one it arrives
 * in. Warm-up users' requests sit in the group {@value #WARM_UP}, judged users' in {@value #JUDGED}; assertions
 * only look at {@value #JUDGED}. The warm-up lasts until the engine is warm (at most the profile's cap); once the
 * judged phase is over and its last user has finished, the next arriving user stops the run.
 */
final class LoadRun {
    static final String WARM_UP = "warm-up";
    static final String JUDGED = "judged";
    static final String WATCH = "watch";
    /** The session attribute where a watched request saves its response time. */
    static final String LATENCY = "latency";
    private static final String PHASE = "phase";

    final String simulation;
    final URI url;
    /** Every engine the load goes to: {@link #url} (the one the probe asks) first. */
    final List<URI> urls;
    final String token;
    final Profile profile;
    final List<Objective> objectives;
    final EngineProbe probe;
    final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final Path windowFile;
    private volatile Phases phases;
    private final AtomicReference<Snapshot> before = new AtomicReference<>();
    private final ExecutorService timer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ossaat-judged-window");
        t.setDaemon(true);
        return t;
    });

    LoadRun(String simulation) {
        this.simulation = simulation;
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(k.toString(), v.toString()));
        this.urls = java.util.Arrays.stream(props.getOrDefault("ossaat.url", "http://127.0.0.1:7070").split(","))
                .map(String::strip).filter(u -> !u.isEmpty()).map(URI::create).toList();
        this.url = urls.getFirst();
        this.token = System.getenv().getOrDefault("OSSAAT_TOKEN", "").trim();
        this.profile = Profile.fromProperties(props);
        this.objectives = SloFile.load(Main.sloFile(Map.of()));
        this.probe = new EngineProbe(url, token);
        this.windowFile = Path.of(props.getOrDefault("ossaat.window.dir", "target/ossaat"))
                .resolve(simulation + "-judged-window.json");
    }

    HttpProtocolBuilder protocol() {
        HttpProtocolBuilder p = http.baseUrls(urls.stream().map(URI::toString).toList())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("ossaat-loadtest/" + simulation)
                .shareConnections();
        return token.isEmpty() ? p : p.authorizationHeader("Bearer " + token);
    }

    /** The assertions on the judged group, one per derived threshold on the routes this simulation always calls. */
    List<Assertion> assertions(Set<Route> alwaysCalled) {
        List<Assertion> out = new ArrayList<>();
        System.out.println("ossaat: " + simulation + " profile " + profile + " against " + urls);
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

    /**
     * The arrivals: a ramp from a tenth of the rate to the rate over the shortest warm-up, then the rate for as long
     * as the longest warm-up and the judged phase could last (the run stops earlier, when the judged phase is over).
     */
    OpenInjectionStep[] arrivals(double rate) {
        return new OpenInjectionStep[] {
                rampUsersPerSec(Math.max(1, rate / 10)).to(rate).during(Duration.ofSeconds(profile.warmUpSeconds())),
                constantUsersPerSec(rate).during(Duration.ofSeconds(
                        profile.maxWarmUpSeconds() - profile.warmUpSeconds() + profile.judgedSeconds() + 10))};
    }

    /**
     * One arriving user: in the warm-up it runs {@code user.apply("w")}, in the judged phase
     * {@code user.apply("j")} (counted, so the run ends only after the last judged user); once the judged phase is
     * over it stops the run when no judged user is left. A failed request ends the user, as it would a client.
     */
    ChainBuilder phased(Function<String, ChainBuilder> user) {
        return exec(session -> session.set(PHASE, phases.at(System.currentTimeMillis()).name()))
                .doSwitch("#{" + PHASE + "}").on(
                        onCase(Phases.Phase.WARM_UP.name()).then(
                                group(WARM_UP).on(exitBlockOnFail().on(user.apply("w")))),
                        onCase(Phases.Phase.JUDGED.name()).then(
                                exec(session -> {
                                    phases.judgedUserStarted();
                                    return session;
                                })
                                .group(JUDGED).on(exitBlockOnFail().on(user.apply("j")))
                                .exec(session -> {
                                    phases.judgedUserEnded();
                                    return session;
                                })),
                        onCase(Phases.Phase.OVER.name()).then(
                                stopLoadGeneratorIf("the judged phase is over",
                                        session -> phases.drained(System.currentTimeMillis()))));
    }

    /** After a watched request that saved its response time in {@value #LATENCY}: feeds the warm-up's verdict. */
    ChainBuilder watched() {
        return exec(session -> {
            if (Phases.Phase.WARM_UP.name().equals(session.getString(PHASE)) && session.contains(LATENCY)) {
                phases.warmUpSample(System.currentTimeMillis(), session.getLong(LATENCY));
            }
            return session;
        });
    }

    /** True while the judged phase has more than {@code ms} to run (always during the warm-up). */
    boolean judgedLasts(Session session, long ms) {
        return phases.judgedLeftMs(System.currentTimeMillis()) > ms;
    }

    /**
     * Call from {@code before()}: starts the phases, watching the latency objective's percentile on {@code route};
     * the "before" snapshot is taken when the warm-up ends.
     */
    void openWindow(Route route) {
        probe.snapshot(objectives); // fail fast when the engine is not there or the token is wrong
        double percentile = Thresholds.derive(objectives, profile, Set.of(route)).stream()
                .filter(t -> t.kind() == Threshold.Kind.LATENCY_MS).mapToDouble(Threshold::percentile)
                .findFirst().orElse(95);
        Phases p = new Phases(profile, route.requestName() + " p" + Numbers.trim(percentile), percentile,
                              System.currentTimeMillis());
        p.onJudged(() -> timer.execute(() -> {
            try {
                before.set(probe.snapshot(objectives));
            } catch (RuntimeException e) {
                System.err.println("ossaat: the judged-phase snapshot failed: " + e.getMessage());
            }
        }));
        phases = p;
    }

    /** Call from {@code after()}: every judged request has finished; write both snapshots for the gate. */
    void closeWindow() {
        timer.shutdownNow();
        if (phases != null) {
            System.out.println("ossaat: " + phases.warmUpVerdict());
        }
        Snapshot start = before.get();
        if (start == null) {
            System.err.println("ossaat: no snapshot at the start of the judged phase; the gate cannot judge");
            return;
        }
        new JudgedWindow(simulation, profile, start, probe.snapshot(objectives)).write(windowFile);
        System.out.println("ossaat: judged-phase counts written to " + windowFile.toAbsolutePath());
    }
}

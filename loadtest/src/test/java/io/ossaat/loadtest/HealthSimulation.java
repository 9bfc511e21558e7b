package io.ossaat.loadtest;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.Set;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;

/** {@code GET /healthz} at the profile's health rate: open workload, warm-up until warm, then the judged steady rate. */
public class HealthSimulation extends Simulation {
    private final LoadRun run = new LoadRun("health");

    private final ChainBuilder healthz = exec(http(Route.HEALTHZ.requestName()).get("/healthz")
            .check(status().is(200), jsonPath("$.status").is("ok"), responseTimeInMillis().saveAs(LoadRun.LATENCY)))
            .exec(run.watched());

    {
        setUp(scenario("healthz users").exec(run.phased(phase -> healthz))
                      .injectOpen(run.arrivals(run.profile.healthRate())))
                .protocols(run.protocol())
                .assertions(run.assertions(Set.of(Route.HEALTHZ)));
    }

    @Override
    public void before() {
        run.openWindow(Route.HEALTHZ);
    }

    @Override
    public void after() {
        run.closeWindow();
    }
}

package io.ossaat.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.Set;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;

/** {@code GET /healthz} at the profile's health rate: open workload, warm-up ramp, then the judged steady rate. */
public class HealthSimulation extends Simulation {
    private final LoadRun run = new LoadRun("health");

    private static final ChainBuilder HEALTHZ = exec(http(Route.HEALTHZ.requestName()).get("/healthz")
            .check(status().is(200), jsonPath("$.status").is("ok")));

    {
        Profile p = run.profile;
        setUp(scenario(LoadRun.WARM_UP).exec(group(LoadRun.WARM_UP).on(HEALTHZ))
                      .injectOpen(rampUsersPerSec(Math.max(1, p.healthRate() / 10)).to(p.healthRate())
                                          .during(Duration.ofSeconds(p.warmUpSeconds()))),
              scenario(LoadRun.JUDGED).exec(group(LoadRun.JUDGED).on(HEALTHZ))
                      .injectOpen(nothingFor(Duration.ofSeconds(p.warmUpSeconds())),
                                  constantUsersPerSec(p.healthRate()).during(Duration.ofSeconds(p.judgedSeconds()))))
                .protocols(run.protocol())
                .assertions(run.assertions(Set.of(Route.HEALTHZ)));
    }

    @Override
    public void before() {
        run.openWindow();
    }

    @Override
    public void after() {
        run.closeWindow();
    }
}

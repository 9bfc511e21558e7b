package io.ossaat.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * The plan API mix at the profile's plan rate (open workload: that many new plan users per second). Each user
 * creates a plan with an {@code Idempotency-Key} and reads it back; of them 10 % replay the create with the same
 * key (200, {@code Idempotent-Replayed}, same plan), 10 % list plans, 5 % watch the plan's SSE stream until its
 * "plan created" event, 5 % wait for a step that needs approval and approve it. Next to them, long-lived watchers
 * follow {@code /v1/events} live and must see events every few seconds.
 */
public class PlanApiSimulation extends Simulation {
    /** The diff careful's apply_changes would apply (its plans wait before any tool runs; the engine refuses them without one). */
    private static final String PATCH = "--- /dev/null\\n+++ b/NEW.md\\n@@ -0,0 +1 @@\\n+load\\n";
    private static final String PLAN_BODY = "{\"goal\":\"load test plan #{key}\",\"agent\":\"careful\",\"inputs\":"
            + "{\"testCommand\":\"true\",\"patch\":\"" + PATCH + "\"},\"labels\":{\"source\":\"loadtest\"}}";
    /** How long an approval user polls for a step in {@code waiting_approval}. */
    private static final int APPROVAL_POLLS = 5;

    private final LoadRun run = new LoadRun("plan-api");
    private final AtomicLong users = new AtomicLong();
    private volatile boolean approveAvailable;

    private ChainBuilder createPlan(String phase) {
        return exec(session -> session.set("key", "lt-" + run.runId + "-" + phase + "-" + users.incrementAndGet()))
                .exec(http(Route.CREATE_PLAN.requestName()).post("/v1/plans")
                              .header("Idempotency-Key", "#{key}")
                              .body(StringBody(PLAN_BODY))
                              .check(status().is(201),
                                     jsonPath("$.id").saveAs("planId"),
                                     jsonPath("$.steps[0].id").saveAs("firstStep"),
                                     responseTimeInMillis().saveAs(LoadRun.LATENCY)))
                .exec(run.watched());
    }

    private final ChainBuilder getPlan = exec(http(Route.GET_PLAN.requestName()).get("/v1/plans/#{planId}")
            .check(status().is(200), jsonPath("$.id").isEL("#{planId}"), jsonPath("$.steps[3].id").exists()));

    private final ChainBuilder replayCreate = exec(http(Route.REPLAY_CREATE.requestName()).post("/v1/plans")
            .header("Idempotency-Key", "#{key}")
            .body(StringBody(PLAN_BODY))
            .check(status().is(200), header("Idempotent-Replayed").is("true"), jsonPath("$.id").isEL("#{planId}")));

    private final ChainBuilder listPlans = exec(http(Route.LIST_PLANS.requestName()).get("/v1/plans?limit=20")
            .check(status().is(200), jsonPath("$.items[0].id").exists()));

    private final ChainBuilder watchPlan = exec(sse(Route.PLAN_EVENTS.requestName()).sseName("plan")
            .get("/v1/plans/#{planId}/events")
            .await(Duration.ofSeconds(5))
            .on(sse.checkMessage("plan created event").matching(substring("plan created"))
                        .check(regex("#{planId}").exists())))
            .exec(sse("close plan events").sseName("plan").close());

    /*
     * Approve: a user polls its plan for a step in waiting_approval and approves it (200, or 409 when another
     * actor got there first). Whether the engine has the approve route is probed once in before(): approving a
     * step that is not waiting answers 409 when it does; 404/405 means the step runtime with approvals has not
     * landed yet, and then the users do not poll (a plan's steps never start without it either).
     */
    private final ChainBuilder approve = doIf(session -> approveAvailable).then(
            repeat(APPROVAL_POLLS).on(doIf(session -> !session.contains("waitingStep")).then(
                    exec(http(Route.GET_PLAN.requestName()).get("/v1/plans/#{planId}")
                                 .check(status().is(200),
                                        jsonPath("$.steps[?(@.state == 'waiting_approval')].id").optional()
                                                .saveAs("waitingStep")))
                            .pause(Duration.ofMillis(200))))
                    .doIf(session -> session.contains("waitingStep")).then(
                            exec(http(Route.APPROVE_STEP.requestName())
                                         .post("/v1/plans/#{planId}/steps/#{waitingStep}/approve")
                                         .body(StringBody("{\"rationale\":\"approved by the load test\"}"))
                                         .check(status().in(200, 409)))));

    /**
     * {@code -Dossaat.mix=create} makes every user only create (the benchmark of plan creation alone), {@code full}
     * is the mix described on the class. The budget profile creates only by default: the budget
     * (docs/architecture.md) is {@code POST /v1/plans} at 500/s; the whole mix at that plan rate is about 1,150 requests/s, more than 2 cores
     * serve next to the load generator (BENCHMARKS.md has the highest rate the mix holds).
     */
    private final boolean createOnly = "create".equals(System.getProperty("ossaat.mix",
            run.profile.name().equals("budget") ? "create" : "full"));

    private ChainBuilder planUser(String phase) {
        if (createOnly) {
            return createPlan(phase);
        }
        return createPlan(phase)
                .exec(getPlan)
                .randomSwitch().on(percent(10).then(replayCreate),
                                   percent(10).then(listPlans),
                                   percent(5).then(watchPlan),
                                   percent(5).then(approve));
    }

    /** A watcher starts /v1/events just after the latest event (found through a plan of its own) and follows it. */
    private ChainBuilder watcher() {
        return createPlan("watcher")
                .exitHereIfFailed()
                .exec(sse("seed events").sseName("seed").get("/v1/plans/#{planId}/events")
                              .await(Duration.ofSeconds(5))
                              .on(sse.checkMessage("seed event").check(regex("seq\\\\?\"\\s*:\\s*(\\d+)").saveAs("fromSeq"))))
                .exec(sse("close seed events").sseName("seed").close())
                .exec(sse(Route.ALL_EVENTS.requestName()).sseName("all").get("/v1/events")
                              .header("Last-Event-ID", "#{fromSeq}")
                              .await(Duration.ofSeconds(10))
                              .on(sse.checkMessage("live event").check(substring("plan.step").exists())))
                // until 3 s before the judged phase ends: later, the last events may be further apart than an await
                .exec(asLongAs(session -> run.judgedLasts(session, 3000)).on(exec(sse("live events").sseName("all").setCheck()
                                                     .await(Duration.ofSeconds(10))
                                                     .on(sse.checkMessage("live event").check(substring("plan.step").exists())))
                                                .pause(Duration.ofSeconds(1))))
                .exec(sse("close all events").sseName("all").close());
    }

    {
        Profile p = run.profile;
        var scenarios = new java.util.ArrayList<>(java.util.List.of(
                scenario("plan users").exec(run.phased(this::planUser)).injectOpen(run.arrivals(p.planRate()))));
        if (p.watchers() > 0) {
            scenarios.add(scenario(LoadRun.WATCH).exec(group(LoadRun.WATCH).on(watcher()))
                                  .injectOpen(atOnceUsers(p.watchers())));
        }
        setUp(scenarios)
                .protocols(run.protocol())
                .assertions(assertions());
    }

    /** The SLO-derived assertions, and: every watcher saw live events (none of its checks failed). */
    private java.util.List<io.gatling.javaapi.core.Assertion> assertions() {
        var all = new java.util.ArrayList<>(run.assertions(createOnly ? Set.of(Route.CREATE_PLAN)
                : Set.of(Route.CREATE_PLAN, Route.REPLAY_CREATE, Route.GET_PLAN, Route.LIST_PLANS)));
        if (run.profile.watchers() > 0) {
            all.add(io.gatling.javaapi.core.CoreDsl.details(LoadRun.WATCH).failedRequests().count().is(0L));
        }
        return all;
    }

    @Override
    public void before() {
        run.openWindow(Route.CREATE_PLAN);
        approveAvailable = probeApprove();
    }

    @Override
    public void after() {
        run.closeWindow();
    }

    /** True when the engine has the approve route: approving a step that does not wait answers 409 then. */
    private boolean probeApprove() {
        var created = run.probe.post("v1/plans", "{\"goal\":\"load test approve probe\",\"agent\":\"careful\",\"inputs\":{\"patch\":\"" + PATCH + "\"}}",
                                     Map.of("Idempotency-Key", "lt-" + run.runId + "-approve-probe"));
        if (created.status() != 201) {
            throw new IllegalStateException("creating a plan answered " + created.status() + ": " + created.body());
        }
        var m = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        String planId = m.find() ? m.group(1) : "";
        String stepId = m.find() ? m.group(1) : "";
        var approve = run.probe.post("v1/plans/" + planId + "/steps/" + stepId + "/approve", "{}", Map.of());
        boolean available = approve.status() == 409 || approve.status() == 200;
        System.out.println("ossaat: approve API " + (available
                ? "present (a step that is not waiting answered " + approve.status() + "); approvals are exercised"
                : "not available yet (" + approve.status() + "); approvals are not exercised"));
        return available;
    }
}

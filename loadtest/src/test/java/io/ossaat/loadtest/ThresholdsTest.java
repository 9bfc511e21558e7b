package io.ossaat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
    private static final Set<Route> ALL = Set.of(Route.values());

    @Test
    void budgetJudgesCreatePlanP95ByThePlanCreateObjective() {
        List<Objective> slos = Slos.shipped();
        Objective create = Slos.named(slos, "plan-create-latency");

        List<Threshold> t = Thresholds.derive(slos, Profile.BUDGET, ALL);

        assertThat(t).filteredOn(x -> x.route() == Route.CREATE_PLAN).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(Threshold.Kind.LATENCY_MS);
            assertThat(x.percentile()).isEqualTo(create.target() * 100);
            assertThat(x.limit()).isEqualTo(create.thresholdSeconds() * 1000);
            assertThat(x.describe()).isEqualTo("plan-create-latency: create plan p95 <= 50 ms");
        });
        // the replayed create goes to the same route, so the same objective judges it
        assertThat(t).filteredOn(x -> x.route() == Route.REPLAY_CREATE).extracting(Threshold::slo)
                .containsExactly("plan-create-latency");
        // nothing judges reads by latency: the SLO file has no objective on them
        assertThat(t).filteredOn(x -> x.route() == Route.GET_PLAN).isEmpty();
    }

    @Test
    void availabilityBecomesOneErrorRateOverTheWholeJudgedPhase() {
        List<Objective> slos = Slos.shipped();
        double budget = Slos.named(slos, "api-availability").errorBudget();

        List<Threshold> t = Thresholds.derive(slos, Profile.BUDGET, ALL);

        assertThat(t).filteredOn(x -> x.kind() == Threshold.Kind.ERROR_PERCENT).singleElement().satisfies(x -> {
            assertThat(x.route()).isNull();
            assertThat(x.limit()).isEqualTo(Numbers.round(budget * 100));
            assertThat(x.describe()).isEqualTo("api-availability: all judged requests failed <= 0.1 %");
        });
    }

    @Test
    void smokeLoosensLimitsByItsFactorButKeepsPercentiles() {
        List<Objective> slos = Slos.shipped();

        List<Threshold> budget = Thresholds.derive(slos, Profile.BUDGET, ALL);
        List<Threshold> smoke = Thresholds.derive(slos, Profile.SMOKE, ALL);

        assertThat(smoke).hasSameSizeAs(budget);
        for (int i = 0; i < budget.size(); i++) {
            assertThat(smoke.get(i).percentile()).isEqualTo(budget.get(i).percentile());
            assertThat(smoke.get(i).limit()).isCloseTo(budget.get(i).limit() * Profile.SMOKE_LOOSENING,
                                                       org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void streamsAreNeverJudgedByLatency() {
        List<Objective> everyGet = Slos.parse(Slos.latency("every-get", "GET", "[]", 0.1, 0.9));

        List<Threshold> t = Thresholds.derive(everyGet, Profile.BUDGET, ALL);

        assertThat(t).extracting(Threshold::route)
                .contains(Route.HEALTHZ, Route.GET_PLAN, Route.LIST_PLANS)
                .doesNotContain(Route.PLAN_EVENTS, Route.ALL_EVENTS, Route.CREATE_PLAN);
    }

    @Test
    void onlyRoutesTheSimulationCallsGetAssertions() {
        List<Threshold> t = Thresholds.derive(Slos.shipped(), Profile.BUDGET, Set.of(Route.HEALTHZ));

        assertThat(t).extracting(Threshold::describe)
                .containsExactlyInAnyOrder("api-availability: all judged requests failed <= 0.1 %",
                                           "health-latency: healthz p99 <= 5 ms");
    }

    @Test
    void aTighterObjectiveInTheFileTightensTheAssertion() {
        List<Objective> tight = Slos.parse(Slos.latency("plan-create-latency", "POST", "[/v1/plans, /plan]", 0.002, 0.99));

        assertThat(Thresholds.derive(tight, Profile.BUDGET, ALL)).extracting(Threshold::describe)
                .contains("plan-create-latency: create plan p99 <= 2 ms");
    }

    @Test
    void k6OptionsCarryTheSameThresholdsAsTaggedSubMetrics() throws Exception {
        JsonNode k6 = new ObjectMapper().readTree(Thresholds.k6Json(Slos.shipped(), Profile.BUDGET));

        assertThat(k6.get("planRate").asDouble()).isEqualTo(500);
        assertThat(k6.get("judgedSeconds").asInt()).isEqualTo(60);
        JsonNode th = k6.get("thresholds");
        assertThat(th.get("http_req_duration{phase:judged,route:create_plan}").get(0).asText()).isEqualTo("p(95)<=50");
        assertThat(th.get("http_req_duration{phase:judged,route:healthz}").get(0).asText()).isEqualTo("p(99)<=5");
        assertThat(th.get("http_req_failed{phase:judged}").get(0).asText()).isEqualTo("rate<=0.001");
        assertThat(k6.get("engineOnly").get(0).asText()).isEqualTo("step-dispatch");
    }
}

package io.ossaat.console.client;

import io.ossaat.engine.plans.PlanState;

import io.ossaat.engine.plans.StepState;

import io.ossaat.console.FaultProxy;
import io.ossaat.engine.Engine;
import io.ossaat.engine.testing.SharedEngine;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The client against a real engine: the engine's JSON is the contract {@link Wire} must read. */
class HttpEngineClientTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Engine engine;
    private HttpEngineClient client;

    @BeforeEach
    void setUp() {
        engine = SharedEngine.get();
        client = new HttpEngineClient(URI.create(engine.url()), engine.token().value());
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
    }

    /** A fresh git repository: the default agent's first step indexes it, then apply_changes waits for a human. */
    private static String workspace() {
        return Workspaces.gitRepo().toString();
    }

    /** What the default agent's apply_changes step applies. */
    private static Map<String, Object> patch() {
        return Map.of("patch", Workspaces.NEW_FILE_PATCH);
    }

    @Test
    void createdPlanIsListedNewestFirstWithItsSteps() {
        Plan older = client.createPlan("first goal", null, workspace(), patch());
        String ws = workspace();
        Plan created = client.createPlan("Fix the date parser", "default", ws, Map.of("branch", "fix", "patch", Workspaces.NEW_FILE_PATCH));

        assertThat(created.goal()).isEqualTo("Fix the date parser");
        assertThat(created.agent()).isEqualTo("default");
        assertThat(created.workspace()).isEqualTo(ws);
        assertThat(created.inputs()).containsEntry("branch", "fix");
        assertThat(created.state()).isEqualTo(PlanState.RUNNING);
        assertThat(created.createdAt()).isNotNull();
        assertThat(created.steps()).extracting(Step::id)
                .containsExactly("index_repo", "apply_changes", "run_tests", "open_pr");
        Step apply = created.step("apply_changes").orElseThrow();
        assertThat(apply.tool()).isEqualTo("code_writer");
        assertThat(apply.capability()).isEqualTo("repo.write");
        assertThat(apply.capabilityLabel()).isNotBlank();
        assertThat(apply.approvalRequired()).isTrue();
        assertThat(apply.timeoutSeconds()).isPositive();
        assertThat(apply.input()).containsEntry("branch", "fix");

        PlanList page = client.listPlans(null, 2, null);
        assertThat(page.items()).extracting(Plan::id).containsExactly(created.id(), older.id());
        assertThat(page.nextCursor()).as("older plans of other tests may follow").satisfiesAnyOf(
                c -> assertThat(c).isNull(), c -> assertThat(c).isNotBlank());
    }

    @Test
    void listPagesWithCursorAndFiltersByState() {
        Plan a = client.createPlan("page a", null, workspace(), patch());
        Plan b = client.createPlan("page b", null, workspace(), patch());
        Plan c = client.createPlan("page c", null, workspace(), patch());
        client.cancel(b.id());

        PlanList first = client.listPlans(null, 2, null);
        assertThat(first.items()).extracting(Plan::id).containsExactly(c.id(), b.id());
        assertThat(first.nextCursor()).isNotNull();
        PlanList second = client.listPlans(null, 2, first.nextCursor());
        assertThat(second.items().getFirst().id()).isEqualTo(a.id());

        assertThat(client.listPlans(PlanState.CANCELLED, 200, null).items()).extracting(Plan::id)
                .contains(b.id()).doesNotContain(a.id(), c.id());
    }

    @Test
    void aPlanWithoutThePatchItsAgentAppliesIsRefusedAndTheAgentListSaysSoBeforehand() {
        List<Agent> agents = client.agents();
        assertThat(agents).filteredOn(a -> a.name().equals("default")).singleElement()
                .satisfies(a -> assertThat(a.requiredInputs()).singleElement().satisfies(r -> {
                    assertThat(r.name()).isEqualTo("patch");
                    assertThat(r.step()).isEqualTo("apply_changes");
                    assertThat(r.description()).isEqualTo("the unified diff it applies");
                }));
        assertThat(agents).filteredOn(a -> a.name().equals("reviewer")).singleElement()
                .satisfies(a -> assertThat(a.requiredInputs()).as("its write steps are rejected, not run").isEmpty());

        assertThatThrownBy(() -> client.createPlan("no patch", null, workspace(), Map.of("testCommand", "true")))
                .isInstanceOfSatisfying(EngineException.Api.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().errors()).singleElement().satisfies(f -> {
                        assertThat(f.field()).isEqualTo("inputs.patch");
                        assertThat(f.message()).contains("'default'", "apply_changes", "the unified diff it applies");
                    });
                });
        assertThat(client.createPlan("review only", "reviewer", workspace(), Map.of()).agent()).isEqualTo("reviewer");
    }

    @Test
    void approvingAStepThatDoesNotWaitIsATypedConflict() {
        Plan p = client.createPlan("goal", null, workspace(), patch());

        assertThatThrownBy(() -> client.approve(p.id(), "run_tests", "why not"))
                .isInstanceOfSatisfying(EngineException.Api.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.problem().title()).isEqualTo("Conflict");
                    assertThat(e.problem().detail()).contains("not waiting for approval");
                });
    }

    @Test
    void approveSendsTheRationaleAndReturnsThePlan() {
        Plan p = client.createPlan("goal", null, workspace(), Map.of("patch", Workspaces.NEW_FILE_PATCH));
        await().atMost(WAIT).until(() -> client.getPlan(p.id()).firstWaitingStep().isPresent());

        Plan after = client.approve(p.id(), "apply_changes", "  diff reviewed ");

        assertThat(after.id()).isEqualTo(p.id());
        Step apply = after.step("apply_changes").orElseThrow();
        assertThat(apply.state()).isNotEqualTo(StepState.WAITING_APPROVAL);
        assertThat(apply.state() == StepState.QUEUED ? apply.summary() : "diff reviewed").endsWith("diff reviewed");
        await().atMost(WAIT).until(() -> client.getPlan(p.id()).step("apply_changes").orElseThrow().state()
                == StepState.COMPLETED);
    }

    @Test
    void cancelEndsThePlan() {
        Plan p = client.createPlan("cancel me", null, workspace(), patch());

        Plan after = client.cancel(p.id());

        assertThat(after.state()).isEqualTo(PlanState.CANCELLED);
        assertThat(after.steps()).allSatisfy(s -> assertThat(s.state().isFinal()).isTrue());
    }

    @Test
    void wrongTokenIsUnauthorizedWithTheProblemDetail() {
        try (HttpEngineClient wrong = new HttpEngineClient(URI.create(engine.url()), "nope")) {
            assertThatThrownBy(() -> wrong.listPlans(null, 1, null))
                    .isInstanceOfSatisfying(EngineException.Api.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.getMessage()).contains("bearer token");
                    });
            assertThat(wrong.healthy()).as("healthz needs no token").isTrue();
        }
    }

    @Test
    void unreachableEngineIsReportedAsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (HttpEngineClient nowhere = new HttpEngineClient(URI.create("http://127.0.0.1:" + port), "t")) {
            assertThatThrownBy(() -> nowhere.listPlans(null, 1, null)).isInstanceOf(EngineException.Unreachable.class)
                    .hasMessageContaining("unreachable");
            assertThat(nowhere.healthy()).isFalse();
        }
    }

    @Test
    void rejectsUrlsThatAreNotHttp() {
        assertThatThrownBy(() -> new HttpEngineClient(URI.create("ftp://x"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.createPlan(" ", null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventStreamDeliversTheRealTransitionsOfAPlan() {
        List<PlanEvent> received = new CopyOnWriteArrayList<>();
        List<StreamListener.Status> statuses = new CopyOnWriteArrayList<>();
        try (Subscription ignored = client.subscribeEvents(new StreamListener<>() {
            @Override
            public void onItem(PlanEvent e) {
                received.add(e);
            }

            @Override
            public void onStatus(Status s, String detail) {
                statuses.add(s);
            }
        })) {
            await().atMost(WAIT).until(() -> statuses.contains(StreamListener.Status.OPEN));
            Plan p = client.createPlan("watched", null, workspace(), patch());
            await().atMost(WAIT).until(() -> received.stream().anyMatch(e -> e.planId().equals(p.id())
                    && "apply_changes".equals(e.stepId()) && e.state() == StepState.WAITING_APPROVAL));

            List<PlanEvent> mine = received.stream().filter(e -> e.planId().equals(p.id())).toList();
            assertThat(mine).filteredOn(e -> "index_repo".equals(e.stepId())).extracting(PlanEvent::state)
                    .containsSubsequence(StepState.QUEUED, StepState.RUNNING, StepState.COMPLETED);
            assertThat(mine).filteredOn(e -> e.stepId() == null).extracting(PlanEvent::state)
                    .as("plan-level events carry the plan state").contains(PlanState.RUNNING, PlanState.WAITING_APPROVAL);
            assertThat(mine).allSatisfy(e -> assertThat(e.occurredAt()).isNotNull());
            assertThat(received).extracting(PlanEvent::seq).doesNotHaveDuplicates().isSorted();
        }
    }

    @Test
    void engineInfoReportsUrlsTokenAndComponents() {
        EngineInfo info = client.engineInfo();

        assertThat(info.apiUrl()).isEqualTo(URI.create(engine.url()));
        assertThat(info.mcpUrl().getPath()).isEqualTo("/mcp");
        assertThat(info.metricsUrl().getPath()).isEqualTo("/metrics");
        assertThat(info.token()).isEqualTo(engine.token().value());
        assertThat(info.status()).isEqualTo("ready");
        assertThat(info.component("postgres")).isEqualTo("up");
        assertThat(info.component("redis")).isEqualTo("up");
    }

    // ---- failure modes a healthy engine does not show: the real engine behind a proxy that cuts connections -----

    @Test
    void eventStreamResumesWithLastEventIdAfterADroppedConnection() {
        try (FaultProxy proxy = new FaultProxy(URI.create(engine.url()));
             HttpEngineClient c = new HttpEngineClient(proxy.url(), engine.token().value())) {
            List<PlanEvent> received = new CopyOnWriteArrayList<>();
            List<StreamListener.Status> statuses = new CopyOnWriteArrayList<>();
            try (Subscription ignored = c.subscribeEvents(new StreamListener<>() {
                @Override
                public void onItem(PlanEvent e) {
                    received.add(e);
                }

                @Override
                public void onStatus(Status s, String detail) {
                    statuses.add(s);
                }
            })) {
                await().atMost(WAIT).until(() -> statuses.contains(StreamListener.Status.OPEN));
                Plan p = client.createPlan("before the cut", null, workspace(), patch());
                await().atMost(WAIT).until(() -> received.stream().anyMatch(e -> e.planId().equals(p.id())));

                proxy.failing(true);
                proxy.drop();
                await().atMost(WAIT).until(() -> statuses.getLast() == StreamListener.Status.RETRYING);
                Plan q = client.createPlan("made while the stream was down", null, workspace(), patch());
                proxy.failing(false);

                await().atMost(WAIT).until(() -> received.stream().anyMatch(e -> e.planId().equals(q.id())
                        && e.stepId() == null));
                assertThat(received).as("resumed after the last event seen: nothing twice, nothing out of order")
                        .extracting(PlanEvent::seq).doesNotHaveDuplicates().isSorted();
                assertThat(statuses).containsSubsequence(StreamListener.Status.OPEN, StreamListener.Status.RETRYING,
                        StreamListener.Status.OPEN);
            }
        }
    }

    @Test
    void sloStatusesAreTheShippedSlos() {
        List<SloStatus> slos = client.sloStatuses();

        assertThat(slos).extracting(SloStatus::name)
                .containsExactly("api-availability", "plan-create-latency", "health-latency", "step-dispatch");
        SloStatus planCreate = slos.get(1);
        assertThat(planCreate.objective()).isEqualTo(0.95);
        assertThat(planCreate.thresholdMs()).isEqualTo(50.0);
        assertThat(planCreate.hasLatency()).isTrue();
        assertThat(planCreate.burnRates().keySet()).startsWith("5m", "30m", "1h");
        assertThat(slos.getFirst().hasLatency()).isFalse();
        assertThat(slos.getFirst().alert()).isEqualTo(SloStatus.Alert.NONE);
    }

    @Test
    void sloStreamDeliversSnapshotsThatCountRequests() {
        List<List<SloStatus>> snapshots = new CopyOnWriteArrayList<>();
        try (Subscription ignored = client.subscribeSlo(snapshots::add)) {
            await().atMost(WAIT).until(() -> snapshots.size() >= 1);
            long before = snapshots.getLast().getFirst().totalEvents();
            for (int i = 0; i < 20; i++) {
                client.listPlans(null, 1, null);
            }
            await().atMost(WAIT).until(() -> snapshots.getLast().getFirst().totalEvents() >= before + 20);
        }
        assertThat(snapshots).allSatisfy(s -> assertThat(s).hasSize(4));
    }
}

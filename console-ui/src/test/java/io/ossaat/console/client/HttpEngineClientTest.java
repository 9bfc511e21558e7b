package io.ossaat.console.client;

import io.ossaat.console.FakeEngineServer;
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

class HttpEngineClientTest {

    private FakeEngineServer engine;
    private HttpEngineClient client;

    @BeforeEach
    void setUp() {
        engine = new FakeEngineServer();
        client = new HttpEngineClient(engine.url(), FakeEngineServer.TOKEN);
    }

    @AfterEach
    void tearDown() {
        client.close();
        engine.close();
    }

    @Test
    void createdPlanIsListedNewestFirstWithItsSteps() {
        Plan older = client.createPlan("first goal", null, null, Map.of());
        Plan created = client.createPlan("Fix the date parser", "coder", "/tmp/ws", Map.of("branch", "fix"));

        assertThat(created.goal()).isEqualTo("Fix the date parser");
        assertThat(created.agent()).isEqualTo("coder");
        assertThat(created.workspace()).isEqualTo("/tmp/ws");
        assertThat(created.state()).isEqualTo(PlanState.WAITING_APPROVAL);
        assertThat(created.steps()).extracting(Step::state)
                .containsExactly(StepState.COMPLETED, StepState.WAITING_APPROVAL, StepState.PENDING, StepState.PENDING);
        assertThat(created.firstWaitingStep()).map(Step::id).contains("apply-patch");
        assertThat(created.steps().getFirst().startedAt()).isNotNull();

        PlanPage page = client.listPlans(null, 10, null);
        assertThat(page.items()).extracting(Plan::id).containsExactly(created.id(), older.id());
        assertThat(page.nextCursor()).isNull();
        assertThat(engine.idempotencyKeys()).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void listPagesWithCursorAndFiltersByState() {
        for (int i = 0; i < 3; i++) {
            client.createPlan("goal " + i, null, null, null);
        }
        String any = client.listPlans(null, 1, null).items().getFirst().id();
        client.cancel(any);

        PlanPage first = client.listPlans(null, 2, null);
        assertThat(first.items()).hasSize(2);
        assertThat(first.nextCursor()).isNotNull();
        PlanPage second = client.listPlans(null, 2, first.nextCursor());
        assertThat(second.items()).hasSize(1);
        assertThat(second.nextCursor()).isNull();

        assertThat(client.listPlans(PlanState.CANCELLED, 10, null).items()).extracting(Plan::id).containsExactly(any);
    }

    @Test
    void approvingAStepThatDoesNotWaitIsATypedConflict() {
        Plan p = client.createPlan("goal", null, null, null);

        assertThatThrownBy(() -> client.approve(p.id(), "index-repo", "why not"))
                .isInstanceOfSatisfying(EngineException.Api.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.problem().title()).isEqualTo("Conflict");
                    assertThat(e.problem().detail()).contains("not waiting for approval");
                });
    }

    @Test
    void approveSendsTheRationaleAndReturnsThePlan() {
        Plan p = client.createPlan("goal", null, null, null);

        Plan after = client.approve(p.id(), "apply-patch", "  diff reviewed ");

        assertThat(after.step("apply-patch").orElseThrow().state()).isNotEqualTo(StepState.WAITING_APPROVAL);
        assertThat(engine.decisions()).containsExactly(
                new FakeEngineServer.Decision(p.id(), "apply-patch", "approve", "diff reviewed"));
    }

    @Test
    void wrongTokenIsUnauthorizedWithTheProblemDetail() {
        try (HttpEngineClient wrong = new HttpEngineClient(engine.url(), "nope")) {
            assertThatThrownBy(wrong::sloStatuses)
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
            assertThatThrownBy(nowhere::sloStatuses).isInstanceOf(EngineException.Unreachable.class)
                    .hasMessageContaining("unreachable");
        }
    }

    @Test
    void rejectsUrlsThatAreNotHttp() {
        assertThatThrownBy(() -> new HttpEngineClient(URI.create("ftp://x"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.createPlan(" ", null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sloStatusesMapEveryDocumentedField() {
        List<SloStatus> slos = client.sloStatuses();

        assertThat(slos).extracting(SloStatus::name).containsExactlyElementsOf(FakeEngineServer.SLO_NAMES);
        SloStatus latency = slos.get(1);
        assertThat(latency.objective()).isEqualTo(0.99);
        assertThat(latency.hasLatency()).isTrue();
        assertThat(latency.thresholdMs()).isEqualTo(50.0);
        assertThat(latency.burnRates()).containsOnlyKeys("5m", "1h", "6h");
        assertThat(latency.burnRates().keySet()).containsExactly("5m", "1h", "6h");
        assertThat(latency.timeToExhaustion()).isPositive();
        SloStatus availability = slos.getFirst();
        assertThat(availability.hasLatency()).isFalse();
        assertThat(availability.timeToExhaustion()).isNull();
        assertThat(availability.totalEvents()).isGreaterThan(availability.goodEvents());
        assertThat(slos.get(3).alert()).isEqualTo(SloStatus.Alert.TICKET);
    }

    @Test
    void eventStreamDeliversTransitionsAndResumesAfterADroppedConnection() {
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
            await().atMost(Duration.ofSeconds(5)).until(() -> statuses.contains(StreamListener.Status.OPEN));
            Plan p = client.createPlan("goal", null, null, null);
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);
            assertThat(received).extracting(PlanEvent::state).containsExactly(
                    StepState.QUEUED, StepState.RUNNING, StepState.COMPLETED, StepState.WAITING_APPROVAL);
            assertThat(received).allSatisfy(e -> assertThat(e.planId()).isEqualTo(p.id()));

            engine.dropStreams();
            Plan q = client.createPlan("made while the stream was down", null, null, null);

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 8);
            assertThat(received.subList(4, 8)).allSatisfy(e -> assertThat(e.planId()).isEqualTo(q.id()));
            assertThat(received).extracting(PlanEvent::seq).doesNotHaveDuplicates().isSorted();
            assertThat(statuses).contains(StreamListener.Status.RETRYING);
        }
    }

    @Test
    void sloStreamDeliversSnapshotsThatMove() {
        List<List<SloStatus>> snapshots = new CopyOnWriteArrayList<>();
        try (Subscription ignored = client.subscribeSlo(snapshots::add)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> snapshots.size() >= 3);
        }
        assertThat(snapshots).allSatisfy(s -> assertThat(s).hasSize(FakeEngineServer.SLO_NAMES.size()));
        assertThat(snapshots.get(2).getFirst().totalEvents()).isGreaterThan(snapshots.get(0).getFirst().totalEvents());
    }

    @Test
    void engineInfoReportsUrlsTokenAndComponents() {
        EngineInfo info = client.engineInfo();

        assertThat(info.apiUrl()).isEqualTo(engine.url());
        assertThat(info.mcpUrl().getPath()).isEqualTo("/mcp");
        assertThat(info.metricsUrl().getPath()).isEqualTo("/metrics");
        assertThat(info.token()).isEqualTo(FakeEngineServer.TOKEN);
        assertThat(info.component("postgres")).isEqualTo("up");
        assertThat(info.component("redis")).isEqualTo("up");
    }
}

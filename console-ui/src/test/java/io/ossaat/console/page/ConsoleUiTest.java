package io.ossaat.console.page;

import io.ossaat.console.ConsoleTheme;
import io.ossaat.console.FakeEngineServer;
import io.ossaat.console.Fx;
import io.ossaat.console.client.Plan;
import io.ossaat.console.client.PlanEvent;
import io.ossaat.console.client.PlanState;
import io.ossaat.console.client.Step;
import io.ossaat.console.client.StepState;
import io.ossaat.console.host.AttachedEngineHost;
import io.ossaat.console.layout.MainWindow;
import io.ossaat.console.model.ConsoleModel;
import io.ossaat.console.model.LogTail;
import io.ossaat.console.model.Page;
import io.ossaat.console.model.StartupModel;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole console, headless, against {@link FakeEngineServer} (until the real engine is on this branch). */
@ExtendWith(ApplicationExtension.class)
class ConsoleUiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeEngineServer engine;
    private ConsoleModel model;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        engine = new FakeEngineServer();
        model = new ConsoleModel(new AttachedEngineHost(engine.url(), FakeEngineServer.TOKEN), new LogTail(200));
        window = new MainWindow(model);
        stage.setScene(ConsoleTheme.scene(window));
        stage.show();
        model.start();
    }

    @AfterEach
    void stop() {
        Fx.run(model::close);
        engine.close();
    }

    @Test
    void overviewShowsOneTilePerSlo(FxRobot robot) {
        awaitReady();
        await().atMost(WAIT).until(() -> Fx.get(() -> robot.lookup(".slo-tile").queryAll().size()) == 4);

        Set<Node> tiles = robot.lookup(".slo-tile").queryAll();
        List<String> names = Fx.get(() -> tiles.stream()
                .map(t -> ((Label) t.lookup(".slo-name")).getText()).toList());
        assertThat(names).containsExactlyInAnyOrderElementsOf(FakeEngineServer.SLO_NAMES);
        assertThat(Fx.get(() -> tiles.stream().filter(t -> t.getStyleClass().contains("ticket")).count()))
                .as("step-success fires a ticket alert and its tile says so").isEqualTo(1);
    }

    @Test
    void latencyChartGainsPointsAsSnapshotsArrive(FxRobot robot) {
        awaitReady();
        LineChart<?, ?> chart = robot.lookup("#latency-chart").queryAs(LineChart.class);
        await().atMost(WAIT).until(() -> points(chart, "p95") >= 1);
        int before = points(chart, "p95");

        await().atMost(WAIT).until(() -> points(chart, "p95") >= before + 3);
        assertThat(points(chart, "p99")).isGreaterThanOrEqualTo(before + 3);
        assertThat(points(chart, "target")).isGreaterThanOrEqualTo(before + 3);
    }

    @Test
    void planCreatedInTheDialogAppearsInTheTable(FxRobot robot) {
        awaitReady();
        robot.press(KeyCode.CONTROL).press(KeyCode.N).release(KeyCode.N).release(KeyCode.CONTROL);
        robot.clickOn("#new-plan-goal").write("Fix the flaky date parser test");
        robot.clickOn("#new-plan-agent").write("coder");
        robot.clickOn("#new-plan-workspace").write("/tmp/ws");
        robot.clickOn("#new-plan-create");

        TableView<Plan> table = plansTable(robot);
        await().atMost(WAIT).until(() -> Fx.get(() -> table.getItems().stream()
                .anyMatch(p -> p.goal().equals("Fix the flaky date parser test"))));
        Plan created = Fx.get(() -> table.getItems().stream()
                .filter(p -> p.goal().equals("Fix the flaky date parser test")).findFirst().orElseThrow());
        assertThat(created.agent()).isEqualTo("coder");
        assertThat(created.workspace()).isEqualTo("/tmp/ws");
        assertThat(Fx.get(() -> model.pageProperty().get())).isEqualTo(Page.PLANS);
        assertThat(Fx.get(() -> table.getSelectionModel().getSelectedItem().id())).as("the new plan is selected")
                .isEqualTo(created.id());
    }

    @Test
    void approvingTheWaitingStepUpdatesTheTimeline(FxRobot robot) {
        awaitReady();
        String id = engine.createPlan("Upgrade Jackson and run the build", "maintainer", null);
        robot.clickOn("#nav-plans");
        TableView<Plan> table = plansTable(robot);
        await().atMost(WAIT).until(() -> Fx.get(() -> table.getItems().stream().anyMatch(p -> p.id().equals(id))));
        robot.clickOn("Upgrade Jackson and run the build");

        ListView<Step> timeline = robot.lookup("#step-timeline").queryListView();
        await().atMost(WAIT).until(() -> stepState(timeline, "apply-patch") == StepState.WAITING_APPROVAL);
        robot.clickOn("#rationale").write("diff reviewed");
        robot.clickOn("#approve");

        await().atMost(WAIT).until(() -> stepState(timeline, "apply-patch") == StepState.COMPLETED);
        await().atMost(WAIT).until(() -> stepState(timeline, "commit") == StepState.COMPLETED);
        assertThat(engine.decisions()).containsExactly(
                new FakeEngineServer.Decision(id, "apply-patch", "approve", "diff reviewed"));
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().plans()
                .selectedPlanProperty().get().state()) == PlanState.COMPLETED);
        assertThat(Fx.get(() -> robot.lookup(".decision-box").query().isVisible())).as("nothing waits any more").isFalse();
    }

    @Test
    void pressingRRejectsTheWaitingStepOfTheSelectedPlan(FxRobot robot) {
        awaitReady();
        String id = engine.createPlan("Touch the public API", null, null);
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT2).release(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        TableView<Plan> table = plansTable(robot);
        await().atMost(WAIT).until(() -> Fx.get(() -> table.getItems().stream().anyMatch(p -> p.id().equals(id))));
        robot.clickOn("Touch the public API");
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().plans()
                .actionableStepProperty().get() != null));

        robot.type(KeyCode.R);

        ListView<Step> timeline = robot.lookup("#step-timeline").queryListView();
        await().atMost(WAIT).until(() -> stepState(timeline, "apply-patch") == StepState.REJECTED);
        assertThat(engine.decisions()).extracting(FakeEngineServer.Decision::verb).containsExactly("reject");
        assertThat(stepState(timeline, "commit")).isEqualTo(StepState.CANCELLED);
    }

    @Test
    void eventsPageShowsLiveEventsFilteredByPlan(FxRobot robot) {
        awaitReady();
        await().atMost(WAIT).until(() -> "live".equals(Fx.get(() -> model.sessionProperty().get().events()
                .streamStatusProperty().get())));
        String first = engine.createPlan("one", null, null);
        String second = engine.createPlan("two", null, null);
        robot.clickOn("#nav-events");
        TableView<PlanEvent> table = robot.lookup("#events-table").queryTableView();
        await().atMost(WAIT).until(() -> Fx.get(() -> table.getItems().size()) == 8);

        robot.clickOn("#event-plan-filter").write(first);

        assertThat(Fx.get(() -> table.getItems().stream().map(PlanEvent::planId).distinct().toList())).containsExactly(first);
        assertThat(Fx.get(() -> table.getItems().size())).isEqualTo(4);
        assertThat(Fx.get(() -> table.getItems().getFirst().state())).as("newest first")
                .isEqualTo(StepState.WAITING_APPROVAL);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void enginePageShowsUrlsComponentsAndAMaskedToken(FxRobot robot) {
        awaitReady();
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT4).release(KeyCode.DIGIT4).release(KeyCode.CONTROL);
        Label token = robot.lookup("#engine-token").queryAs(Label.class);
        await().atMost(WAIT).until(() -> Fx.get(token::getText).endsWith("4b8a"));
        assertThat(Fx.get(token::getText)).doesNotContain(FakeEngineServer.TOKEN);
        robot.clickOn("Show");
        assertThat(Fx.get(token::getText)).isEqualTo(FakeEngineServer.TOKEN);
        assertThat(robot.lookup(engine.url().toString()).tryQuery()).isPresent();
        assertThat(Fx.get(() -> model.sessionProperty().get().engine().postgresProperty().get())).isEqualTo("up");
    }

    private void awaitReady() {
        await().atMost(WAIT).until(() -> Fx.get(() -> model.startup().stateProperty().get()) == StartupModel.State.READY
                && window.page(Page.OVERVIEW) != null);
    }

    private static TableView<Plan> plansTable(FxRobot robot) {
        return robot.lookup("#plans-table").queryTableView();
    }

    private static int points(LineChart<?, ?> chart, String series) {
        return Fx.get(() -> chart.getData().stream().filter(s -> s.getName().equals(series))
                .mapToInt(s -> s.getData().size()).sum());
    }

    private static StepState stepState(ListView<Step> timeline, String stepId) {
        return Fx.get(() -> timeline.getItems().stream().filter(s -> s.id().equals(stepId))
                .map(Step::state).findFirst().orElse(null));
    }
}

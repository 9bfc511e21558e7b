package io.ossaat.console.page;

import io.ossaat.console.Fx;
import io.ossaat.console.RealEngineConsole;
import io.ossaat.console.client.Plan;
import io.ossaat.console.client.PlanEvent;
import io.ossaat.engine.plans.PlanState;
import io.ossaat.console.client.Step;
import io.ossaat.engine.plans.StepState;
import io.ossaat.console.model.Page;
import io.ossaat.engine.Version;
import io.ossaat.engine.testing.Workspaces;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole console, headless, against a real engine (embedded Postgres and Redis, a real socket, the default
 * agent's tools working on a git workspace), shared by the tests of this JVM.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleUiTest extends RealEngineConsole {

    @Start
    void start(Stage stage) {
        show(stage);
    }

    @Test
    void planCreatedInTheDialogAppearsInTheTableAndRunsToTheApproval(FxRobot robot) {
        awaitReady();
        Path ws = Workspaces.gitRepo();
        String goal = "Add NEW.md from the dialog " + System.nanoTime();
        robot.press(KeyCode.CONTROL).press(KeyCode.N).release(KeyCode.N).release(KeyCode.CONTROL);
        robot.clickOn("#new-plan-goal").write(goal);
        assertThat(Fx.get(() -> robot.lookup("#new-plan-agent").<String>queryComboBox().getValue())).isEqualTo("default");
        robot.clickOn("#new-plan-workspace").write(ws.toString());
        robot.clickOn("#new-plan-test-command").write("true");
        TextArea patch = robot.lookup("#new-plan-patch").queryAs(TextArea.class);
        Fx.run(() -> patch.setText(Workspaces.NEW_FILE_PATCH));
        robot.clickOn("#new-plan-create");

        TableView<Plan> table = plansTable(robot);
        await().atMost(WAIT).until(() -> Fx.get(() -> table.getItems().stream().anyMatch(p -> p.goal().equals(goal))));
        Plan created = Fx.get(() -> table.getItems().stream().filter(p -> p.goal().equals(goal)).findFirst().orElseThrow());
        assertThat(created.agent()).isEqualTo("default");
        assertThat(created.workspace()).isEqualTo(ws.toString());
        assertThat(created.inputs()).containsEntry("testCommand", "true").containsEntry("patch", Workspaces.NEW_FILE_PATCH);
        assertThat(Fx.get(() -> model.pageProperty().get())).isEqualTo(Page.PLANS);
        assertThat(Fx.get(() -> table.getSelectionModel().getSelectedItem().id())).as("the new plan is selected")
                .isEqualTo(created.id());

        ListView<Step> timeline = robot.lookup("#step-timeline").queryListView();
        await().atMost(WAIT).until(() -> stepState(timeline, "apply_changes") == StepState.WAITING_APPROVAL);
        assertThat(stepState(timeline, "index_repo")).isEqualTo(StepState.COMPLETED);
        assertThat(Fx.get(() -> robot.lookup(".decision-box").query().isVisible())).as("a step waits for the user").isTrue();
    }

    @Test
    void approvingTheWaitingStepUpdatesTheTimeline(FxRobot robot) {
        awaitReady();
        Path ws = Workspaces.gitRepo();
        String goal = "Approve me " + System.nanoTime();
        Plan plan = api.createPlan(goal, null, ws.toString(), Map.of("patch", Workspaces.NEW_FILE_PATCH,
                "testCommand", "grep -q 'made by' NEW.md"));
        robot.clickOn("#nav-plans");
        TableView<Plan> table = plansTable(robot);
        await().atMost(WAIT).until(() -> Fx.get(() -> table.getItems().stream().anyMatch(p -> p.id().equals(plan.id()))));
        robot.clickOn(goal);
        javafx.scene.control.Labeled goalCell = robot.lookup(".table-cell").match(
                org.testfx.matcher.control.LabeledMatchers.hasText(goal)).queryAs(javafx.scene.control.Labeled.class);
        String goalTip = Fx.get(() -> goalCell.getTooltip() == null ? null : goalCell.getTooltip().getText());
        assertThat(goalTip).as("a goal cut short in its column can be read whole").isEqualTo(goal);

        ListView<Step> timeline = robot.lookup("#step-timeline").queryListView();
        await().atMost(WAIT).until(() -> stepState(timeline, "apply_changes") == StepState.WAITING_APPROVAL);
        robot.clickOn("#rationale").write("diff reviewed");
        clickWhenEnabled(robot, "#approve");
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().plans().noticeProperty().get())
                .equals("Approved apply_changes of plan " + io.ossaat.console.model.Format.shortId(plan.id())));

        await().atMost(WAIT).until(() -> stepState(timeline, "apply_changes") == StepState.COMPLETED);
        // who approved it and why, in the plan's own detail: the timeline's decisions
        await().atMost(WAIT).until(() -> Fx.get(() -> ((javafx.scene.layout.VBox) robot.lookup("#plan-timeline-decisions")
                .query()).getChildren().stream().map(n -> ((Label) n).getText())
                .anyMatch(t -> t.contains("apply_changes approved by owner") && t.endsWith(": “diff reviewed”"))));
        // the request supplied the test command: it waits for a human too
        await().atMost(WAIT).until(() -> stepState(timeline, "run_tests") == StepState.WAITING_APPROVAL);
        await().atMost(WAIT).until(() -> Fx.get(() -> robot.lookup("#decision-what").queryLabeled().getText())
                .contains("It runs: grep -q 'made by' NEW.md"));
        clickWhenEnabled(robot, "#approve");
        await().atMost(WAIT).until(() -> stepState(timeline, "run_tests") == StepState.COMPLETED);
        await().atMost(WAIT).until(() -> stepState(timeline, "open_pr") == StepState.WAITING_APPROVAL);
        assertThat(ws.resolve("NEW.md")).as("the plan works in its own worktree").doesNotExist();
        assertThat(Fx.get(() -> timeline.getItems().stream().filter(s -> s.id().equals("apply_changes")).findFirst()
                .orElseThrow().summary())).contains("NEW.md");

        clickWhenEnabled(robot, "#approve");
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().plans()
                .selectedPlanProperty().get().state()) == PlanState.COMPLETED);
        assertThat(stepState(timeline, "open_pr")).isEqualTo(StepState.COMPLETED);
        assertThat(Workspaces.git(ws, "show", "ossaat/" + plan.id() + ":NEW.md")).contains("made by ossaat");
        assertThat(Workspaces.git(ws, "branch", "--list")).contains("ossaat/" + plan.id());
        assertThat(Fx.get(() -> robot.lookup(".decision-box").query().isVisible())).as("nothing waits any more").isFalse();

        String otherGoal = "Another plan " + System.nanoTime();
        Plan other = api.createPlan(otherGoal, null, Workspaces.gitRepo().toString(), Map.of("patch", Workspaces.NEW_FILE_PATCH));
        await().atMost(WAIT).until(() -> Fx.get(() -> table.getItems().stream().anyMatch(p -> p.id().equals(other.id()))));
        // selected through the model: what is tested is what selecting another plan does to the notice
        Fx.run(() -> model.sessionProperty().get().plans().select(other.id()));
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().plans().selectedPlanProperty().get()
                .id()).equals(other.id()));
        String notice = Fx.get(() -> model.sessionProperty().get().plans().noticeProperty().get());
        assertThat(notice).as("the last plan's notice goes with it").isEmpty();
    }

    @Test
    void pressingRAsksWithTheRationaleFocusedAndRejectsOnlyWhenConfirmed(FxRobot robot) {
        awaitReady();
        String goal = "Touch the public API " + System.nanoTime();
        Plan plan = api.createPlan(goal, null, Workspaces.gitRepo().toString(), Map.of("patch", Workspaces.NEW_FILE_PATCH));
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT2).release(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        TableView<Plan> table = plansTable(robot);
        await().atMost(WAIT).until(() -> Fx.get(() -> table.getItems().stream().anyMatch(p -> p.id().equals(plan.id()))));
        robot.clickOn(goal);
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().plans()
                .actionableStepProperty().get() != null));

        robot.type(KeyCode.R);
        awaitConfirmRationale(robot);
        robot.type(KeyCode.ESCAPE);
        await().atMost(WAIT).until(() -> robot.lookup("#confirm-dialog").tryQuery().isEmpty());
        assertThat(api.getPlan(plan.id()).step("apply_changes").orElseThrow().state())
                .as("Escape keeps the step waiting").isEqualTo(StepState.WAITING_APPROVAL);

        robot.type(KeyCode.R);
        awaitConfirmRationale(robot);
        robot.clickOn("#confirm-rationale").write("too risky");
        robot.type(KeyCode.ENTER);

        ListView<Step> timeline = robot.lookup("#step-timeline").queryListView();
        await().atMost(WAIT).until(() -> stepState(timeline, "apply_changes") == StepState.REJECTED);
        await().atMost(WAIT).until(() -> stepState(timeline, "run_tests") == StepState.CANCELLED);
        assertThat(api.getPlan(plan.id()).state()).isEqualTo(PlanState.REJECTED);
        assertThat(api.getPlan(plan.id()).step("apply_changes").orElseThrow().summary())
                .as("the rationale typed in the confirmation is recorded").endsWith(": too risky");
        // progress counts completed steps (index_repo only) and takes the outcome's colour, never a "done" bar
        await().atMost(WAIT).until(() -> "1/4".equals(progressText(robot, plan.id())));
        assertThat(Fx.get(() -> robot.lookup(".plan-progress").queryAll().stream()
                .filter(n -> plan.id().equals(n.getUserData())).findFirst().orElseThrow()
                .lookup(".progress-bar").getStyleClass())).contains("rejected");
    }

    @Test
    void cancelPlanAsksFirstAndKeepLeavesThePlanRunning(FxRobot robot) {
        awaitReady();
        String goal = "Cancel me " + System.nanoTime();
        Plan plan = api.createPlan(goal, null, Workspaces.gitRepo().toString(), Map.of("patch", Workspaces.NEW_FILE_PATCH));
        robot.clickOn("#nav-plans");
        TableView<Plan> table = plansTable(robot);
        await().atMost(WAIT).until(() -> Fx.get(() -> table.getItems().stream().anyMatch(p -> p.id().equals(plan.id()))));
        robot.clickOn(goal);

        clickWhenEnabled(robot, "#cancel-plan");
        await().atMost(WAIT).until(() -> robot.lookup("#confirm-keep").tryQuery().isPresent());
        robot.clickOn("#confirm-keep");
        await().atMost(WAIT).until(() -> robot.lookup("#confirm-dialog").tryQuery().isEmpty());
        assertThat(api.getPlan(plan.id()).state().isFinal()).as("Keep cancels nothing").isFalse();

        clickWhenEnabled(robot, "#cancel-plan");
        await().atMost(WAIT).until(() -> robot.lookup("#confirm-action").tryQuery().isPresent());
        robot.clickOn("#confirm-action");
        await().atMost(WAIT).until(() -> api.getPlan(plan.id()).state() == PlanState.CANCELLED);
    }

    @Test
    void newPlanDialogAsksForThePatchAnAgentThatChangesFilesNeeds(FxRobot robot) {
        awaitReady();
        robot.clickOn("#nav-plans");
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().plans().agents().size()) > 0);
        robot.press(KeyCode.CONTROL).press(KeyCode.N).release(KeyCode.N).release(KeyCode.CONTROL);
        robot.clickOn("#new-plan-goal").write("Add a feature");
        javafx.scene.Node create = robot.lookup("#new-plan-create").query();
        Label needs = robot.lookup("#new-plan-needs").queryAs(Label.class);
        assertThat(Fx.get(create::isDisabled)).as("default plans apply_changes: no patch, no Create").isTrue();
        assertThat(Fx.get(needs::isVisible)).isTrue();
        String hint = Fx.get(needs::getText);
        assertThat(hint).contains("“default”", "apply_changes", "the unified diff it applies", "Patch");
        ComboBox<String> agent = robot.lookup("#new-plan-agent").queryComboBox();
        assertThat(Fx.get(() -> List.copyOf(agent.getItems()))).as("the engine's agents to choose from")
                .contains("default", "careful", "reviewer");

        robot.clickOn(agent);
        robot.clickOn("reviewer");
        assertThat(Fx.get(agent::getValue)).isEqualTo("reviewer");
        assertThat(Fx.get(create::isDisabled)).as("reviewer changes no files").isFalse();
        assertThat(Fx.get(needs::isVisible)).isFalse();
        assertThat(Fx.get(() -> robot.lookup("#new-plan-agent-role").queryAs(Label.class).getText())).contains("Read-only");

        Fx.run(() -> agent.setValue("careful"));
        assertThat(Fx.get(create::isDisabled)).isTrue();
        TextArea patch = robot.lookup("#new-plan-patch").queryAs(TextArea.class);
        Fx.run(() -> patch.setText(Workspaces.NEW_FILE_PATCH));
        assertThat(Fx.get(create::isDisabled)).isFalse();
        assertThat(Fx.get(needs::isVisible)).isFalse();
        robot.type(KeyCode.ESCAPE);
        await().atMost(WAIT).until(() -> robot.lookup("#new-plan-goal").tryQuery().isEmpty());
    }

    /** The Progress cell's text of a plan in the table, or null while its row is not shown. */
    private static String progressText(FxRobot robot, String planId) {
        return Fx.get(() -> robot.lookup(".plan-progress").queryAll().stream()
                .filter(n -> planId.equals(n.getUserData())).findFirst()
                .map(n -> ((Label) ((javafx.scene.layout.HBox) n).getChildren().get(1)).getText()).orElse(null));
    }

    /** The confirmation is open and its rationale field has the focus. */
    private static void awaitConfirmRationale(FxRobot robot) {
        await().atMost(WAIT).until(() -> robot.lookup("#confirm-rationale").tryQuery().isPresent());
        TextField why = robot.lookup("#confirm-rationale").queryAs(TextField.class);
        await().atMost(WAIT).until(() -> Fx.get(why::isFocused));
    }

    @Test
    void eventsPageShowsLiveEventsFilteredByPlan(FxRobot robot) {
        awaitReady();
        await().atMost(WAIT).until(() -> "live".equals(Fx.get(() -> model.sessionProperty().get().events()
                .streamStatusProperty().get())));
        String first = api.createPlan("one", null, Workspaces.gitRepo().toString(), Map.of("patch", Workspaces.NEW_FILE_PATCH)).id();
        String second = api.createPlan("two", null, Workspaces.gitRepo().toString(), Map.of("patch", Workspaces.NEW_FILE_PATCH)).id();
        robot.clickOn("#nav-events");
        TableView<PlanEvent> table = robot.lookup("#events-table").queryTableView();
        await().atMost(WAIT).until(() -> Fx.get(() -> table.getItems().stream()
                .anyMatch(e -> e.planId().equals(second) && e.state() == StepState.WAITING_APPROVAL)));

        robot.clickOn("#event-plan-filter").write(first);

        await().atMost(WAIT).until(() -> Fx.get(() -> table.getItems().stream()
                .anyMatch(e -> "apply_changes".equals(e.stepId()) && e.state() == StepState.WAITING_APPROVAL)));
        List<PlanEvent> shown = Fx.get(() -> List.copyOf(table.getItems()));
        assertThat(shown).extracting(PlanEvent::planId).containsOnly(first);
        assertThat(shown).as("newest first").isSortedAccordingTo(Comparator.comparingLong(PlanEvent::seq).reversed());
        assertThat(shown).filteredOn(e -> "index_repo".equals(e.stepId())).extracting(PlanEvent::state)
                .contains(StepState.QUEUED, StepState.RUNNING, StepState.COMPLETED);
        assertThat(shown).as("the plan's own events have no step").anyMatch(e -> e.stepId() == null);
        await().atMost(WAIT).until(() -> Fx.get(() -> robot.lookup("#event-count").queryAs(Label.class).getText()
                .startsWith(io.ossaat.console.model.Format.count(table.getItems().size()) + " shown of ")));

        // an event leads to its plan: a double-click (or Enter) opens it on the Plans page. The double-click is
        // delivered as one event: a robot's two clicks can land too far apart on a loaded machine to count as one
        javafx.scene.Node row = Fx.get(() -> robot.lookup("#events-table .table-row-cell").queryAll().stream()
                .filter(n -> ((javafx.scene.control.TableRow<?>) n).getItem() instanceof PlanEvent e && e.planId().equals(first))
                .findFirst().orElseThrow());
        Fx.run(() -> javafx.event.Event.fireEvent(row, new javafx.scene.input.MouseEvent(
                javafx.scene.input.MouseEvent.MOUSE_CLICKED, 5, 5, 5, 5, javafx.scene.input.MouseButton.PRIMARY, 2,
                false, false, false, false, true, false, false, true, false, false, null)));
        await().atMost(WAIT).until(() -> Fx.get(() -> model.pageProperty().get()) == Page.PLANS);
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().plans().selectedPlanProperty().get() != null
                && model.sessionProperty().get().plans().selectedPlanProperty().get().id().equals(first)));
    }

    @Test
    void aboutShowsTheVersionOfThisBuild(FxRobot robot) {
        awaitReady();
        robot.clickOn("#about");
        await().atMost(WAIT).until(() -> robot.lookup("#about-dialog").tryQuery().isPresent());
        DialogPane about = robot.lookup("#about-dialog").queryAs(DialogPane.class);
        assertThat(Fx.get(about::getHeaderText)).isEqualTo("ossaat " + Version.current()).doesNotContain("dev");
        Fx.run(() -> ((Button) about.lookupButton(ButtonType.CLOSE)).fire());
        await().atMost(WAIT).until(() -> robot.lookup("#about-dialog").tryQuery().isEmpty());
    }

    @Test
    void enginePageShowsUrlsComponentsAndAMaskedToken(FxRobot robot) {
        awaitReady();
        String token = engine.token().value();
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT4).release(KeyCode.DIGIT4).release(KeyCode.CONTROL);
        Label shown = robot.lookup("#engine-token").queryAs(Label.class);
        await().atMost(WAIT).until(() -> Fx.get(shown::getText).endsWith(token.substring(token.length() - 4)));
        assertThat(Fx.get(shown::getText)).doesNotContain(token);
        robot.clickOn("Show");
        assertThat(Fx.get(shown::getText)).isEqualTo(token);
        javafx.scene.control.Button copy = robot.lookup("#copy-token").queryButton();
        robot.clickOn(copy);
        assertThat(Fx.get(copy::getText)).as("the copy says it happened").isEqualTo("Copied ✓");
        assertThat(Fx.get(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())).isEqualTo(token);
        await().atMost(WAIT).until(() -> Fx.get(copy::getText).equals("Copy"));
        assertThat(robot.lookup("Connected").tryQuery()).as("since when").isPresent();
        assertThat(robot.lookup(engine.url()).tryQuery()).isPresent();
        assertThat(Fx.get(() -> model.sessionProperty().get().engine().postgresProperty().get())).isEqualTo("up");
        assertThat(Fx.get(() -> model.sessionProperty().get().engine().redisProperty().get())).isEqualTo("up");
    }

    private static TableView<Plan> plansTable(FxRobot robot) {
        return robot.lookup("#plans-table").queryTableView();
    }

    private static StepState stepState(ListView<Step> timeline, String stepId) {
        return Fx.get(() -> timeline.getItems().stream().filter(s -> s.id().equals(stepId))
                .map(Step::state).findFirst().orElse(null));
    }

    /** The decision buttons are off while the model loads; a click then would be lost on a slow machine. */
    private static void clickWhenEnabled(FxRobot robot, String id) {
        javafx.scene.Node button = robot.lookup(id).query();
        await().atMost(WAIT).until(() -> Fx.get(() -> !button.isDisabled() && button.isVisible()));
        robot.clickOn(id);
    }
}

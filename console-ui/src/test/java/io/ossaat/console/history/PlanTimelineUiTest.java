package io.ossaat.console.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ossaat.console.Fx;
import io.ossaat.console.RealEngineConsole;
import io.ossaat.console.model.Page;
import io.ossaat.console.model.PlanTimeline;
import io.ossaat.console.model.PlanTimelineModel;
import io.ossaat.engine.Json;
import io.ossaat.engine.testing.Workspaces;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The plan detail's timeline of a real plan that waited for a human, timed out once and ran again. */
@ExtendWith(ApplicationExtension.class)
class PlanTimelineUiTest extends RealEngineConsole {
    private final HistoryEngine history = HistoryEngine.get();

    PlanTimelineUiTest() {
        super(HistoryEngine.get().engine);
    }

    @Start
    void start(Stage stage) {
        show(stage);
    }

    @Test
    void aPlanThatWaitedAndRetriedShowsEveryAttemptLive(FxRobot robot, @TempDir Path markers) {
        awaitReady();
        // the first run creates the marker and outlasts its 1 s timeout; the second finds it and passes
        Path marker = markers.resolve("ran-once");
        String command = "if [ -f " + marker + " ]; then echo second run passes; else touch " + marker + "; sleep 30; fi";
        String id = history.api.post("/v1/plans", Json.write(Map.of("goal", "flaky tests", "agent", HistoryEngine.FLAKY,
                "workspace", Workspaces.gitRepo().toString(), "inputs", Map.of("testCommand", command))))
                .json().get("id").asText();
        robot.clickOn("#nav-plans");
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().plans().visiblePlans().stream()
                .anyMatch(p -> p.id().equals(id))));
        Fx.run(() -> model.sessionProperty().get().plans().select(id));
        PlanTimelineModel timeline = model.sessionProperty().get().timeline();

        // live: the wait shows as an open bar before anyone decides
        await().atMost(WAIT).until(() -> phases(timeline, 1).equals(List.of(PlanTimeline.Phase.WAITING)));
        assertThat(Fx.get(() -> timeline.timelineProperty().get().rows().getFirst().segments().getFirst().to())).isNull();

        Fx.run(() -> model.sessionProperty().get().plans().approve("the command only touches a temp file"));
        await().atMost(WAIT).until(() -> stepState(id).equals("running"));
        history.advance(Duration.ofSeconds(2)); // past the 1 s timeout
        await().atMost(WAIT).until(() -> stepState(id).equals("retrying"));
        history.advance(Duration.ofMinutes(10)); // past the backoff
        await().atMost(WAIT).until(() -> stepState(id).equals("completed"));

        await().atMost(WAIT).until(() -> phases(timeline, 2).equals(List.of(PlanTimeline.Phase.BACKOFF,
                PlanTimeline.Phase.RUNNING)));
        assertThat(phases(timeline, 1)).containsExactly(PlanTimeline.Phase.WAITING, PlanTimeline.Phase.QUEUED,
                PlanTimeline.Phase.RUNNING);
        PlanTimeline t = Fx.get(() -> timeline.timelineProperty().get());
        assertThat(t.rows()).extracting(PlanTimeline.Row::label).containsExactly("run_tests #1", "run_tests #2");
        assertThat(t.rows().get(1).segments().getLast().result().wire()).isEqualTo("completed");
        // the backoff lasted until the clock passed it: at least the minutes the test moved it
        PlanTimeline.Segment backoff = t.rows().get(1).segments().getFirst();
        assertThat(Duration.between(backoff.from(), backoff.to())).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(t.decisions()).singleElement().satisfies(d -> {
            assertThat(d.approved()).isTrue();
            assertThat(d.who()).isNotBlank();
            assertThat(d.rationale()).isEqualTo("the command only touches a temp file");
        });
        assertThat(Fx.get(() -> ((VBox) robot.lookup("#plan-timeline-decisions").query()).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList()))
                .anyMatch(s -> s.contains("run_tests approved by") && s.contains("the command only touches a temp file"));

        // a click on the second attempt's bar shows its phases and the step's output
        // (fired on the bars themselves: the detail pane may have scrolled them out of the robot's reach)
        var bars = robot.lookup("#plan-timeline-bars").query();
        Fx.run(() -> {
            javafx.geometry.Point2D at = bars.localToScene(200, 20 + 22 * 1.5); // the second row; events carry scene x/y
            javafx.event.Event.fireEvent(bars, new javafx.scene.input.MouseEvent(
                    javafx.scene.input.MouseEvent.MOUSE_CLICKED, at.getX(), at.getY(), 0, 0,
                    javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, true, false,
                    true, null));
        });
        await().atMost(WAIT).until(() -> Fx.get(() -> robot.lookup("#plan-timeline-detail").queryAs(Label.class).getText())
                .startsWith("run_tests #2: retry backoff"));
        await().atMost(WAIT).until(() -> Fx.get(() -> robot.lookup("#plan-timeline-detail").queryAs(Label.class).getText())
                .contains("second run passes"));
        assertThat(Fx.get(() -> model.pageProperty().get())).isEqualTo(Page.PLANS);
    }

    private static List<PlanTimeline.Phase> phases(PlanTimelineModel timeline, int attempt) {
        return Fx.get(() -> timeline.timelineProperty().get().rows().stream().filter(r -> r.attempt() == attempt)
                .findFirst().map(r -> r.segments().stream().map(PlanTimeline.Segment::phase).toList()).orElse(List.of()));
    }

    private String stepState(String planId) {
        return history.api.get("/v1/plans/" + planId).json().get("steps").get(0).get("state").asText();
    }
}

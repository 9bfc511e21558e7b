package io.ossaat.console.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.ossaat.console.Fx;
import io.ossaat.console.RealEngineConsole;
import io.ossaat.console.model.Notification;
import io.ossaat.console.model.NotificationCenter;
import io.ossaat.console.model.NotificationSettings;
import io.ossaat.console.model.Page;
import io.ossaat.engine.Json;
import io.ossaat.engine.testing.Workspaces;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Notifications raised by a real step that waits for a human and by a real paging SLO. */
@ExtendWith(ApplicationExtension.class)
class NotificationUiTest extends RealEngineConsole {
    private final HistoryEngine history = HistoryEngine.get();

    NotificationUiTest() {
        super(HistoryEngine.get().engine);
    }

    @Start
    void start(Stage stage) {
        show(stage);
    }

    @Test
    void aWaitingStepRaisesTheBannerAndOpensItsPlan(FxRobot robot) {
        awaitReady();
        NotificationCenter center = model.sessionProperty().get().notifications();
        List<Notification> desktop = new CopyOnWriteArrayList<>();
        Fx.run(() -> center.addDesktop(desktop::add));
        // the generated history's last hour burns fast: that SLO pages as soon as its tile shows
        await().atMost(WAIT).until(() -> Fx.get(() -> center.latestProperty().get() != null
                && center.latestProperty().get().kind() == Notification.Kind.SLO_PAGING
                && center.latestProperty().get().target().equals(HistoryEngine.SLO)));

        history.clock.set(Instant.now()); // the engine's events are new to the console
        String id = waitingPlan();
        await().atMost(WAIT).until(() -> desktop.stream().anyMatch(n -> n.kind() == Notification.Kind.STEP_WAITING
                && n.target().equals(id)));
        await().atMost(WAIT).until(() -> Fx.get(() -> robot.lookup("#notification-banner").query().isVisible()
                && robot.lookup("#notification-text").queryAs(Label.class).getText().contains(id)));
        assertThat(Fx.get(() -> robot.lookup("#notification-title").queryAs(Label.class).getText()))
                .isEqualTo("A step waits for you");

        robot.clickOn("#notification-open");
        assertThat(Fx.get(() -> model.pageProperty().get())).isEqualTo(Page.PLANS);
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().plans().selectedPlanProperty().get() != null
                && model.sessionProperty().get().plans().selectedPlanProperty().get().id().equals(id)));
        assertThat(Fx.get(() -> robot.lookup("#notification-banner").query().isVisible())).isFalse();

        // quiet hours all day: the banner shows, the desktop stays silent
        LocalTime now = LocalTime.now();
        Fx.run(() -> center.settingsProperty().set(new NotificationSettings(true, true, now.minusHours(1), now.plusHours(1))));
        int before = desktop.size();
        String quiet = waitingPlan();
        await().atMost(WAIT).until(() -> Fx.get(() -> center.latestProperty().get() != null
                && center.latestProperty().get().target().equals(quiet)));
        assertThat(desktop).hasSize(before);

        // waiting steps switched off: nothing at all
        Fx.run(() -> {
            center.dismiss();
            center.settingsProperty().set(new NotificationSettings(false, true, null, null));
        });
        String off = waitingPlan();
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().plans().visiblePlans().stream()
                .anyMatch(p -> p.id().equals(off) && p.firstWaitingStep().isPresent())));
        assertThat(Fx.get(() -> center.latestProperty().get())).isNull();
        assertThat(desktop).hasSize(before);
    }

    private String waitingPlan() {
        String id = history.api.post("/v1/plans", Json.write(Map.of("goal", "needs a human", "agent", HistoryEngine.FLAKY,
                "workspace", Workspaces.gitRepo().toString(), "inputs", Map.of("testCommand", "true"))))
                .json().get("id").asText();
        await().atMost(WAIT).until(() -> history.api.get("/v1/plans/" + id).json().get("steps").get(0).get("state")
                .asText().equals("waiting_approval"));
        return id;
    }
}

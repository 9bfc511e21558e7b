package io.ossaat.console.page;

import io.ossaat.console.Fx;
import io.ossaat.console.RealEngineConsole;
import io.ossaat.console.model.SloTile;
import io.ossaat.engine.slo.SloConfig;
import io.ossaat.engine.slo.SloDefinition;
import io.ossaat.engine.testing.Workspaces;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The overview, headless, against a real engine: its shipped SLOs as tiles, its SLO stream moving the charts. */
@ExtendWith(ApplicationExtension.class)
class OverviewUiTest extends RealEngineConsole {

    @Start
    void start(Stage stage) {
        show(stage);
    }

    @Test
    void overviewShowsATileForEveryShippedSlo(FxRobot robot) {
        List<String> shipped = SloConfig.loadDefault().stream().map(SloDefinition::name).toList();
        awaitReady();
        await().atMost(WAIT).until(() -> Fx.get(() -> robot.lookup(".slo-tile").queryAll().size()) == shipped.size());

        Set<Node> tiles = robot.lookup(".slo-tile").queryAll();
        List<String> names = Fx.get(() -> tiles.stream()
                .map(t -> ((Label) t.lookup(".slo-name")).getText()).toList());
        assertThat(names).containsExactlyInAnyOrderElementsOf(shipped);
        assertThat(Fx.get(() -> model.sessionProperty().get().overview().streamStatusProperty().get())).isEqualTo("live");
    }

    @Test
    void aTileWithTooFewEventsLooksNotJudgedAndAJudgedOneGivesAVerdict(FxRobot robot) {
        List<String> shipped = SloConfig.loadDefault().stream().map(SloDefinition::name).toList();
        awaitReady();
        await().atMost(WAIT).until(() -> Fx.get(() -> robot.lookup(".slo-tile").queryAll().size()) == shipped.size());

        for (SloTile tile : Fx.get(() -> List.copyOf(model.sessionProperty().get().overview().tiles()))) {
            Label alert = robot.lookup("#slo-alert-" + tile.name()).queryAs(Label.class);
            ProgressBar budget = robot.lookup("#slo-budget-" + tile.name()).queryAs(ProgressBar.class);
            Fx.run(() -> {
                assertThat(budget.getTooltip()).as("the bar says what it measures").isNotNull();
                if (!tile.judged()) {
                    assertThat(alert.getText()).as(tile.name()).isEqualTo("NOT JUDGED");
                    assertThat(alert.getStyleClass()).contains("not_judged").doesNotContain("ok");
                    assertThat(budget.getProgress()).as("no full bar").isZero();
                    assertThat(budget.getStyleClass()).contains("not_judged");
                } else {
                    assertThat(alert.getText()).as(tile.name()).isNotEqualTo("NOT JUDGED");
                    assertThat(budget.getStyleClass()).doesNotContain("not_judged");
                }
            });
        }
    }

    @Test
    void chartsGainPointsAsLoadArrives(FxRobot robot) {
        awaitReady();
        LineChart<?, ?> latency = robot.lookup("#latency-chart").queryAs(LineChart.class);
        LineChart<?, ?> rates = robot.lookup("#rate-chart").queryAs(LineChart.class);
        await().atMost(WAIT).until(() -> points(latency, "target") >= 1);
        int before = points(latency, "target");

        for (int i = 0; i < 40; i++) {
            api.createPlan("load " + i, null, Workspaces.gitRepo().toString(), Map.of("patch", Workspaces.NEW_FILE_PATCH));
        }

        await().atMost(WAIT).until(() -> points(latency, "target") >= before + 3);
        await().atMost(WAIT).until(() -> Fx.get(() -> rates.getData().stream().filter(s -> s.getName().equals("requests/s"))
                .flatMap(s -> s.getData().stream()).anyMatch(d -> ((Number) d.getYValue()).doubleValue() > 0)));
        assertThat(Fx.get(() -> model.sessionProperty().get().overview().selectedProperty().get().name()))
                .as("the first SLO with a latency threshold is charted").isEqualTo("plan-create-latency");
    }

    @Test
    void theTimeAxisEndsAtTheNewestSnapshotNotInTheFuture(FxRobot robot) {
        awaitReady();
        LineChart<?, ?> latency = robot.lookup("#latency-chart").queryAs(LineChart.class);
        await().atMost(WAIT).until(() -> points(latency, "target") >= 2);
        var overview = Fx.get(() -> model.sessionProperty().get().overview());
        Fx.run(() -> {
            javafx.scene.chart.NumberAxis x = (javafx.scene.chart.NumberAxis) latency.getXAxis();
            assertThat(x.getUpperBound()).as("the axis ends at the newest point").isEqualTo(overview.windowEndProperty().get());
            assertThat(x.getUpperBound() - x.getLowerBound()).as("at least 30 s of past").isGreaterThanOrEqualTo(30);
        });
    }

    private static int points(LineChart<?, ?> chart, String series) {
        return Fx.get(() -> chart.getData().stream().filter(s -> s.getName().equals(series))
                .mapToInt(s -> s.getData().size()).sum());
    }
}

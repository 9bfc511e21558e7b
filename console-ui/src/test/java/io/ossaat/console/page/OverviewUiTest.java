package io.ossaat.console.page;

import io.ossaat.console.ConsoleTheme;
import io.ossaat.console.FakeEngineServer;
import io.ossaat.console.Fx;
import io.ossaat.console.host.AttachedEngineHost;
import io.ossaat.console.layout.MainWindow;
import io.ossaat.console.model.ConsoleModel;
import io.ossaat.console.model.LogTail;
import io.ossaat.console.model.Page;
import io.ossaat.console.model.StartupModel;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
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

/** The overview, headless, against {@link FakeEngineServer} until the engine's SLO monitor (feat/slo) is on main. */
@ExtendWith(ApplicationExtension.class)
class OverviewUiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

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

    private void awaitReady() {
        await().atMost(WAIT).until(() -> Fx.get(() -> model.startup().stateProperty().get()) == StartupModel.State.READY
                && window.page(Page.OVERVIEW) != null);
    }

    private static int points(LineChart<?, ?> chart, String series) {
        return Fx.get(() -> chart.getData().stream().filter(s -> s.getName().equals(series))
                .mapToInt(s -> s.getData().size()).sum());
    }
}

package io.ossaat.console.page;

import io.ossaat.console.ConsoleTheme;
import io.ossaat.console.Fx;
import io.ossaat.console.client.HttpEngineClient;
import io.ossaat.engine.Engine;
import io.ossaat.engine.slo.SloConfig;
import io.ossaat.engine.slo.SloDefinition;
import io.ossaat.engine.testing.SharedEngine;
import io.ossaat.engine.testing.Workspaces;
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

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The overview, headless, against a real engine: its shipped SLOs as tiles, its SLO stream moving the charts. */
@ExtendWith(ApplicationExtension.class)
class OverviewUiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Engine engine;
    private HttpEngineClient api;
    private ConsoleModel model;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        engine = SharedEngine.get();
        api = new HttpEngineClient(URI.create(engine.url()), engine.token().value());
        model = new ConsoleModel(new AttachedEngineHost(URI.create(engine.url()), engine.token().value()), new LogTail(200));
        window = new MainWindow(model);
        stage.setScene(ConsoleTheme.scene(window));
        stage.show();
        model.start();
    }

    @AfterEach
    void stop() {
        Fx.run(model::close);
        api.close();
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
    void chartsGainPointsAsLoadArrives(FxRobot robot) {
        awaitReady();
        LineChart<?, ?> latency = robot.lookup("#latency-chart").queryAs(LineChart.class);
        LineChart<?, ?> rates = robot.lookup("#rate-chart").queryAs(LineChart.class);
        await().atMost(WAIT).until(() -> points(latency, "target") >= 1);
        int before = points(latency, "target");

        for (int i = 0; i < 40; i++) {
            api.createPlan("load " + i, null, Workspaces.gitRepo().toString(), Map.of());
        }

        await().atMost(WAIT).until(() -> points(latency, "target") >= before + 3);
        await().atMost(WAIT).until(() -> Fx.get(() -> rates.getData().stream().filter(s -> s.getName().equals("requests/s"))
                .flatMap(s -> s.getData().stream()).anyMatch(d -> ((Number) d.getYValue()).doubleValue() > 0)));
        assertThat(Fx.get(() -> model.sessionProperty().get().overview().selectedProperty().get().name()))
                .as("the first SLO with a latency threshold is charted").isEqualTo("plan-create-latency");
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

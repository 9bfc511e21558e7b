package io.ossaat.console.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ossaat.console.Fx;
import io.ossaat.console.RealEngineConsole;
import io.ossaat.console.chart.Series;
import io.ossaat.console.chart.TimeSeriesChart;
import io.ossaat.console.client.SloDetail;
import io.ossaat.console.client.SloStatus;
import io.ossaat.console.model.LogTail;
import io.ossaat.console.model.Page;
import io.ossaat.console.model.SloRange;
import io.ossaat.console.model.SloTable;
import io.ossaat.console.page.SloDetailPage;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The SLO detail page over a month of history the engine recorded from real requests. */
@ExtendWith(ApplicationExtension.class)
class SloDetailUiTest extends RealEngineConsole {
    /** The pages log what they measured through java.util.logging; one capture per JVM (it hooks the root logger). */
    private static final LogTail MEASURED = new LogTail(2_000);

    private final HistoryEngine history = HistoryEngine.get();

    SloDetailUiTest() {
        super(HistoryEngine.get().engine);
    }

    @BeforeAll
    static void captureJul() {
        MEASURED.captureJul();
    }

    @Start
    void start(Stage stage) {
        show(stage);
    }

    @Test
    void everyRangeChartsWhatTheEngineRecorded(FxRobot robot, @TempDir Path out) throws Exception {
        awaitReady();
        robot.clickOn("#nav-overview");
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().overview().tiles().size()) == 5);
        await().atMost(WAIT).until(() -> !robot.lookup("#slo-history-" + HistoryEngine.SLO).queryAll().isEmpty());
        robot.clickOn("#slo-history-" + HistoryEngine.SLO);
        assertThat(Fx.get(() -> model.pageProperty().get())).isEqualTo(Page.SLO);
        SloDetailPage page = (SloDetailPage) window.page(Page.SLO);
        var detailModel = model.sessionProperty().get().sloDetail();

        for (SloRange range : SloRange.values()) {
            robot.clickOn("#slo-range-" + range.query());
            await().atMost(WAIT).until(() -> Fx.get(() -> {
                SloTable t = detailModel.tableProperty().get();
                return t != null && !detailModel.loadingProperty().get() && t.range() == range;
            }));
            SloDetail d = Fx.get(() -> detailModel.tableProperty().get().detail());
            assertThat(d.status().name()).isEqualTo(HistoryEngine.SLO);
            assertThat(java.time.Duration.between(d.from(), d.to()).plus(d.step())).isGreaterThanOrEqualTo(range.length());
            // every request the generator made since the range's start is in the points, every bad one exactly
            long total = d.points().stream().mapToLong(SloDetail.Point::total).sum();
            long bad = d.points().stream().mapToLong(SloDetail.Point::bad).sum();
            // (and the console's own few lookups of the plan it shows, at the end)
            assertThat(total).as(range.query()).isBetween(history.requestsSince(d.from()),
                    history.requestsSince(d.from()) + 10);
            assertThat(bad).as(range.query()).isEqualTo(history.badSince(d.from()));
            // the charts got as many points as they are wide, at most
            TimeSeriesChart sli = robot.lookup("#slo-chart-sli").queryAs(TimeSeriesChart.class);
            assertThat(d.points().size()).isLessThanOrEqualTo(Fx.get(sli::plotWidth) + 1);
            List<Series> burn = Fx.get(() -> robot.lookup("#slo-chart-burn").queryAs(TimeSeriesChart.class).series());
            assertThat(burn).extracting(Series::name).containsExactly("1h", "6h", "1d", "3d");
            assertThat(java.util.Arrays.stream(burn.getFirst().ys()).anyMatch(v -> v > 14.4)).as(range.query()).isTrue();
        }

        // the last hour burns at 1 in 6 against a 1 % budget: it pages
        assertThat(Fx.get(() -> detailModel.tableProperty().get().detail().status().alert()))
                .isEqualTo(SloStatus.Alert.PAGE);
        // 30 days: the incident 20 days ago shows in the SLI line, the budget went down with it
        SloTable month = Fx.get(() -> detailModel.tableProperty().get());
        // (half its lookups failed; no other hour of the month is below 83 %)
        assertThat(java.util.Arrays.stream(month.sliPercent()).filter(v -> !Double.isNaN(v)).min().orElseThrow())
                .isLessThanOrEqualTo(75.0);
        assertThat(month.budgetPercent()[month.budgetPercent().length - 1]).isLessThan(month.budgetPercent()[0]);
        assertThat(Fx.get(() -> robot.lookup("#slo-rules").queryAs(javafx.scene.layout.VBox.class).getChildren()
                .stream().map(n -> ((Label) n).getText()).toList()))
                .anyMatch(s -> s.startsWith("Pages when the last 1h and the last 5m both burn the error budget at 14.4×"));
        assertThat(MEASURED.lines()).anyMatch(l -> l.contains("slo detail " + HistoryEngine.SLO + " 30d:"));
        // what console-ui/bench/slo-detail.sh reports: the time from asking the engine to the drawn charts
        MEASURED.lines().stream().filter(l -> l.contains("slo detail " + HistoryEngine.SLO)).forEach(System.out::println);

        Path csv = out.resolve("month.csv");
        Path png = out.resolve("month.png");
        Fx.run(() -> {
            try {
                page.exportCsv(csv);
                page.exportPng(png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.getFirst()).startsWith("time,total,good,sli_percent,budget_remaining_percent")
                .contains("burn_rate_1h");
        assertThat(rows).hasSize(month.detail().points().size() + 1);
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isGreaterThan(400);
    }

    @Test
    void ctrl5OpensTheDetailOfTheSelectedSlo(FxRobot robot) {
        awaitReady();
        await().atMost(WAIT).until(() -> Fx.get(() -> !model.sessionProperty().get().overview().tiles().isEmpty()));
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT5).release(KeyCode.DIGIT5).release(KeyCode.CONTROL);
        assertThat(Fx.get(() -> model.pageProperty().get())).isEqualTo(Page.SLO);
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().sloDetail().tableProperty().get()) != null);
        assertThat(Fx.get(() -> model.sessionProperty().get().sloDetail().nameProperty().get()))
                .isEqualTo(Fx.get(() -> model.sessionProperty().get().overview().selectedProperty().get().name()));
    }
}

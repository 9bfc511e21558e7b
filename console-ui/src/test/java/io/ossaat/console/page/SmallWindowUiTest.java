package io.ossaat.console.page;

import io.ossaat.console.ConsoleTheme;
import io.ossaat.console.Fx;
import io.ossaat.console.RealEngineConsole;
import io.ossaat.console.client.Plan;
import io.ossaat.engine.testing.Workspaces;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The console in its smallest window (1024x700): every page shows all it has, by scrolling or reflowing. */
@ExtendWith(ApplicationExtension.class)
class SmallWindowUiTest extends RealEngineConsole {

    @Start
    void start(Stage stage) {
        show(stage, ConsoleTheme.MINIMUM);
    }

    @Test
    void theOverviewScrollsRatherThanSquashingItsCharts(FxRobot robot) {
        awaitReady();
        await().atMost(WAIT).until(() -> Fx.get(() -> robot.lookup(".slo-tile").queryAll().size()) == 4);
        ScrollPane scroll = robot.lookup("#overview-scroll").queryAs(ScrollPane.class);
        Fx.run(() -> {
            Node body = scroll.getContent();
            assertThat(body.getLayoutBounds().getHeight()).as("taller than the window: it scrolls")
                    .isGreaterThan(scroll.getViewportBounds().getHeight());
            for (String id : new String[] {"#latency-chart", "#rate-chart", "#budget-chart"}) {
                LineChart<?, ?> chart = (LineChart<?, ?>) body.lookup(id);
                assertThat(chart.getHeight()).as(id + " keeps its plot").isGreaterThanOrEqualTo(OverviewPage.CHART_MIN_HEIGHT - 40);
                Bounds x = chart.getXAxis().localToScene(chart.getXAxis().getLayoutBounds());
                assertThat(chart.getXAxis().getHeight()).as(id + " keeps its x axis").isGreaterThan(10);
                Bounds inBody = body.sceneToLocal(x);
                assertThat(inBody.getMaxY()).as(id + "'s x axis lies inside what scrolls")
                        .isLessThanOrEqualTo(body.getLayoutBounds().getHeight() + 1);
            }
            double chartsTop = body.sceneToLocal(body.lookup("#latency-chart").localToScene(0, 0)).getY();
            for (Node tile : body.lookupAll(".slo-tile")) {
                javafx.scene.layout.Region r = (javafx.scene.layout.Region) tile;
                assertThat(r.getWidth()).as("no tile squeezed").isGreaterThanOrEqualTo(OverviewPage.TILE_MIN_WIDTH - 1);
                assertThat(r.getHeight()).as("a tile gets the height its content needs")
                        .isGreaterThanOrEqualTo(r.prefHeight(r.getWidth()) - 1);
                Bounds b = body.sceneToLocal(tile.localToScene(tile.getLayoutBounds()));
                assertThat(b.getMinY()).as("a tile's top is not cut off").isGreaterThanOrEqualTo(0);
                assertThat(b.getMaxY()).as("a tile ends above the charts").isLessThan(chartsTop);
            }
            assertThat(body.lookupAll(".slo-tile").stream().collect(java.util.stream.Collectors.groupingBy(
                    Node::getLayoutY, java.util.stream.Collectors.counting())).values())
                    .as("four tiles in full rows (4 or 2x2): none alone on a row").allMatch(c -> c == 4 || c == 2);
        });
    }

    @Test
    void plansPutTheDetailBelowATableThatKeepsEveryColumn(FxRobot robot) {
        awaitReady();
        Plan plan = api.createPlan("a plan in a small window", null, Workspaces.gitRepo().toString(),
                Map.of("patch", Workspaces.NEW_FILE_PATCH));
        // through the model: the banner for the waiting step may arrive and move the sidebar under a click
        Fx.run(() -> model.navigate(io.ossaat.console.model.Page.PLANS));
        await().atMost(WAIT).until(() -> robot.lookup("#plans-table").tryQuery().isPresent());
        TableView<?> table = robot.lookup("#plans-table").queryTableView();
        await().atMost(WAIT).until(() -> Fx.get(() -> table.getItems().stream().anyMatch(p -> ((Plan) p).id().equals(plan.id()))));
        SplitPane split = robot.lookup("#plans-split").queryAs(SplitPane.class);
        Fx.run(() -> {
            assertThat(split.getOrientation()).isEqualTo(Orientation.VERTICAL);
            double columns = table.getColumns().stream().mapToDouble(TableColumn::getWidth).sum();
            assertThat(columns).as("every column fits: no Progress cut off").isLessThanOrEqualTo(table.getWidth());
            assertThat(table.getColumns()).extracting(TableColumn::getText).contains("Progress");
            TableColumn<?, ?> goal = table.getColumns().stream().filter(c -> c.getText().equals("Goal")).findFirst().orElseThrow();
            assertThat(goal.getWidth()).as("room for the goal").isGreaterThan(250);
        });
    }
}

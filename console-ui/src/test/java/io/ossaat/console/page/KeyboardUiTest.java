package io.ossaat.console.page;

import io.ossaat.console.Fx;
import io.ossaat.console.RealEngineConsole;
import io.ossaat.console.client.Plan;
import io.ossaat.console.model.Page;
import io.ossaat.engine.testing.Workspaces;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The console without a mouse: Tab shows where it is, arrows move table selections, Enter acts. */
@ExtendWith(ApplicationExtension.class)
class KeyboardUiTest extends RealEngineConsole {

    private static final PseudoClass FOCUS_VISIBLE = PseudoClass.getPseudoClass("focus-visible");

    @Start
    void start(Stage stage) {
        show(stage);
    }

    @Test
    void tabDrawsAFocusRingAndEnterChartsTheFocusedSloTile(FxRobot robot) {
        awaitReady();
        await().atMost(WAIT).until(() -> Fx.get(() -> robot.lookup(".slo-tile").queryAll().size()) == 4);
        Fx.run(() -> robot.lookup("#nav-overview").query().requestFocus());

        robot.type(KeyCode.TAB);
        Node first = Fx.get(() -> robot.lookup("#nav-overview").query().getScene().getFocusOwner());
        assertThat(Fx.get(() -> first.getPseudoClassStates().contains(FOCUS_VISIBLE))).as("focus came from the keyboard").isTrue();
        assertThat(Fx.get(first::getEffect)).as("and is drawn: the ring").isNotNull();

        String selected = Fx.get(() -> model.sessionProperty().get().overview().selectedProperty().get().name());
        Node tile = null;
        for (int i = 0; i < 30 && tile == null; i++) {
            robot.type(KeyCode.TAB);
            Node owner = Fx.get(() -> first.getScene().getFocusOwner());
            if (owner.getStyleClass().contains("slo-tile") && !owner.getId().equals("slo-tile-" + selected)) {
                tile = owner;
            }
        }
        assertThat(tile).as("Tab reaches the SLO tiles").isNotNull();
        assertThat(Fx.get(tile::getEffect)).isNotNull();
        String name = tile.getId().substring("slo-tile-".length());
        robot.type(KeyCode.ENTER);
        assertThat(Fx.get(() -> model.sessionProperty().get().overview().selectedProperty().get().name())).isEqualTo(name);
    }

    @Test
    void arrowKeysMoveThePlansSelectionAndTheDetailFollows(FxRobot robot) {
        awaitReady();
        Plan older = api.createPlan("keyboard older " + System.nanoTime(), null, Workspaces.gitRepo().toString(),
                Map.of("patch", Workspaces.NEW_FILE_PATCH));
        Plan newer = api.createPlan("keyboard newer " + System.nanoTime(), null, Workspaces.gitRepo().toString(),
                Map.of("patch", Workspaces.NEW_FILE_PATCH));
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT2).release(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        TableView<Plan> table = robot.lookup("#plans-table").queryTableView();
        await().atMost(WAIT).until(() -> Fx.get(() -> table.getItems().stream().filter(p -> p.id().equals(older.id())
                || p.id().equals(newer.id())).count()) == 2);
        Fx.run(() -> model.sessionProperty().get().plans().select(newer.id()));
        await().atMost(WAIT).until(() -> Fx.get(() -> table.getSelectionModel().getSelectedItem() != null
                && table.getSelectionModel().getSelectedItem().id().equals(newer.id())));
        Fx.run(table::requestFocus);
        int row = Fx.get(() -> table.getSelectionModel().getSelectedIndex());

        robot.type(KeyCode.DOWN);
        await().atMost(WAIT).until(() -> Fx.get(() -> table.getSelectionModel().getSelectedIndex()) == row + 1);
        String below = Fx.get(() -> table.getSelectionModel().getSelectedItem().id());
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().plans().selectedPlanProperty().get().id())
                .equals(below));

        robot.type(KeyCode.UP);
        await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get().plans().selectedPlanProperty().get().id())
                .equals(newer.id()));
        assertThat(Fx.get(() -> table.getSelectionModel().getSelectedIndex())).isEqualTo(row);
        assertThat(Fx.get(() -> model.pageProperty().get())).isEqualTo(Page.PLANS);
    }
}

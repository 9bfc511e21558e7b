package io.ossaat.console.page;

import io.ossaat.console.client.NewPlan;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import java.io.File;

/**
 * "New plan": goal, agent, a workspace folder, and the two inputs the default agent's tools read (a unified diff
 * for {@code apply_changes}, a test command for {@code run_tests}). Its result is the {@link NewPlan} to send.
 */
public final class NewPlanDialog extends Dialog<NewPlan> {

    public static final ButtonType CREATE = new ButtonType("Create plan", ButtonBar.ButtonData.OK_DONE);

    private final TextArea goal = new TextArea();
    private final TextField agent = new TextField();
    private final TextField workspace = new TextField();
    private final TextField testCommand = new TextField();
    private final TextArea patch = new TextArea();

    public NewPlanDialog(Window owner) {
        initOwner(owner);
        setTitle("New plan");
        setHeaderText("Describe the goal; the agent turns it into steps.");
        createView();
        setResultConverter(b -> b == CREATE ? new NewPlan(goal.getText().strip(), agent.getText(), workspace.getText(),
                inputs()) : null);
    }

    private void createView() {
        goal.setId("new-plan-goal");
        goal.setPromptText("e.g. Fix the failing date parser test and open a branch");
        goal.setPrefRowCount(3);
        goal.setWrapText(true);
        agent.setId("new-plan-agent");
        agent.setPromptText("default agent");
        workspace.setId("new-plan-workspace");
        workspace.setPromptText("folder the steps work in (optional)");
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Workspace folder");
            File current = new File(workspace.getText());
            if (current.isDirectory()) {
                chooser.setInitialDirectory(current);
            }
            File dir = chooser.showDialog(getDialogPane().getScene().getWindow());
            if (dir != null) {
                workspace.setText(dir.getAbsolutePath());
            }
        });
        testCommand.setId("new-plan-test-command");
        testCommand.setPromptText("inputs.testCommand, e.g. mvn -q test (optional: detected otherwise)");
        patch.setId("new-plan-patch");
        patch.setPromptText("inputs.patch: the unified diff apply_changes applies (optional)");
        patch.setPrefRowCount(5);
        patch.getStyleClass().add("monospace");
        HBox ws = new HBox(8, workspace, browse);
        HBox.setHgrow(workspace, Priority.ALWAYS);

        GridPane grid = new GridPane(10, 10);
        grid.addRow(0, new Label("Goal"), goal);
        grid.addRow(1, new Label("Agent"), agent);
        grid.addRow(2, new Label("Workspace"), ws);
        grid.addRow(3, new Label("Test command"), testCommand);
        grid.addRow(4, new Label("Patch"), patch);
        GridPane.setHgrow(goal, Priority.ALWAYS);
        grid.setPrefWidth(560);

        getDialogPane().setContent(grid);
        getDialogPane().getStylesheets().add(io.ossaat.console.layout.MainWindow.STYLESHEET);
        getDialogPane().getButtonTypes().addAll(CREATE, ButtonType.CANCEL);
        Button create = (Button) getDialogPane().lookupButton(CREATE);
        create.setId("new-plan-create");
        create.disableProperty().bind(goal.textProperty().map(String::isBlank));
        Platform.runLater(goal::requestFocus);
    }

    private java.util.Map<String, Object> inputs() {
        java.util.Map<String, Object> in = new java.util.LinkedHashMap<>();
        if (!testCommand.getText().isBlank()) {
            in.put("testCommand", testCommand.getText().strip());
        }
        if (!patch.getText().isBlank()) {
            String diff = patch.getText();
            in.put("patch", diff.endsWith("\n") ? diff : diff + "\n");
        }
        return in;
    }
}

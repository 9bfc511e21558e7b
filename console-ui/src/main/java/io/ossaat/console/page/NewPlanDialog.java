package io.ossaat.console.page;

import io.ossaat.console.client.Agent;
import io.ossaat.console.client.NewPlan;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
import java.util.List;

/**
 * "New plan": goal, agent, a workspace folder, and the two inputs the default agent's tools read (a unified diff
 * for {@code apply_changes}, a test command for {@code run_tests}). Its result is the {@link NewPlan} to send.
 * An agent that changes files ({@link Agent#needsPatch}) plans {@code apply_changes}, which only applies the diff
 * it is given: the dialog says so and keeps Create off until there is one, instead of offering a plan that fails
 * after its approval.
 */
public final class NewPlanDialog extends Dialog<NewPlan> {

    public static final ButtonType CREATE = new ButtonType("Create plan", ButtonBar.ButtonData.OK_DONE);

    private final TextArea goal = new TextArea();
    private final TextField agent = new TextField();
    private final TextField workspace = new TextField();
    private final TextField testCommand = new TextField();
    private final TextArea patch = new TextArea();
    private final List<Agent> agents;

    /** @param agents the engine's agents; empty when unknown (then only the engine judges the inputs) */
    public NewPlanDialog(Window owner, List<Agent> agents) {
        this.agents = List.copyOf(agents);
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
        patch.setPromptText("inputs.patch: the unified diff apply_changes applies");
        patch.setPrefRowCount(5);
        patch.getStyleClass().add("monospace");
        HBox ws = new HBox(8, workspace, browse);
        HBox.setHgrow(workspace, Priority.ALWAYS);

        BooleanBinding patchMissing = Bindings.createBooleanBinding(
                () -> needsPatch(agent.getText()) && patch.getText().isBlank(), agent.textProperty(),
                patch.textProperty());
        Label needs = new Label();
        needs.setId("new-plan-needs");
        needs.setWrapText(true);
        needs.getStyleClass().add("error-text");
        needs.textProperty().bind(agent.textProperty().map(a -> "Agent “" + agentName(a) + "” plans apply_changes,"
                + " which applies the unified diff in Patch and writes no code itself: paste the diff, or pick an"
                + " agent that does not change files."));
        needs.visibleProperty().bind(patchMissing);
        needs.managedProperty().bind(needs.visibleProperty());

        GridPane grid = new GridPane(10, 10);
        grid.addRow(0, label("Goal"), goal);
        grid.addRow(1, label("Agent"), agent);
        grid.addRow(2, label("Workspace"), ws);
        grid.addRow(3, label("Test command"), testCommand);
        grid.addRow(4, label("Patch"), patch);
        grid.add(needs, 1, 5);
        GridPane.setHgrow(goal, Priority.ALWAYS);
        grid.setPrefWidth(560);

        getDialogPane().setContent(grid);
        getDialogPane().getStylesheets().add(io.ossaat.console.layout.MainWindow.STYLESHEET);
        getDialogPane().getButtonTypes().addAll(CREATE, ButtonType.CANCEL);
        Button create = (Button) getDialogPane().lookupButton(CREATE);
        create.setId("new-plan-create");
        create.disableProperty().bind(Bindings.createBooleanBinding(() -> goal.getText().isBlank(),
                goal.textProperty()).or(patchMissing));
        Platform.runLater(goal::requestFocus);
    }

    /** A label that keeps its whole text when the dialog is narrow. */
    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private static String agentName(String typed) {
        return typed == null || typed.isBlank() ? "default" : typed.strip();
    }

    private boolean needsPatch(String typed) {
        String name = agentName(typed);
        return agents.stream().anyMatch(a -> a.name().equals(name) && a.needsPatch());
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

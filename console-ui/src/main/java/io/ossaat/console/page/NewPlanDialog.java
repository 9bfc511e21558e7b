package io.ossaat.console.page;

import io.ossaat.console.client.Agent;
import io.ossaat.console.client.NewPlan;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "New plan": goal, one of the engine's agents, a workspace folder, and the two inputs the default agent's tools
 * read (a unified diff for {@code apply_changes}, a test command for {@code run_tests}). Its result is the
 * {@link NewPlan} to send. The engine refuses a plan that lacks an input its agent's steps need
 * ({@link Agent#requiredInputs}, e.g. the patch {@code apply_changes} applies); the dialog says the same before
 * Create and keeps Create off until the input is there.
 */
public final class NewPlanDialog extends Dialog<NewPlan> {

    public static final ButtonType CREATE = new ButtonType("Create plan", ButtonBar.ButtonData.OK_DONE);
    private static final String DEFAULT_AGENT = "default";
    /** The inputs this form has a field for, by input name: the field's label. */
    private static final Map<String, String> FIELDS = Map.of("patch", "Patch", "testCommand", "Test command");

    private final TextArea goal = new TextArea();
    private final ComboBox<String> agent = new ComboBox<>();
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
        setResultConverter(b -> b == CREATE ? new NewPlan(goal.getText().strip(), agent.getValue(),
                workspace.getText(), inputs()) : null);
    }

    private void createView() {
        goal.setId("new-plan-goal");
        goal.setPromptText("e.g. Fix the failing date parser test and open a branch");
        goal.setPrefRowCount(3);
        goal.setWrapText(true);
        agent.setId("new-plan-agent");
        agent.setMaxWidth(Double.MAX_VALUE);
        // the engine's agents; before it has answered, only the one every engine has
        agent.getItems().setAll(agents.isEmpty() ? List.of(DEFAULT_AGENT) : agents.stream().map(Agent::name).toList());
        agent.setValue(agent.getItems().contains(DEFAULT_AGENT) ? DEFAULT_AGENT : agent.getItems().getFirst());
        Label role = new Label();
        role.setId("new-plan-agent-role");
        role.setWrapText(true);
        role.getStyleClass().add("page-subtitle");
        role.textProperty().bind(agent.valueProperty().map(a -> find(a).map(Agent::role).orElse("")));
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

        var missingInput = Bindings.createObjectBinding(this::missingInput, agent.valueProperty(),
                patch.textProperty(), testCommand.textProperty());
        BooleanBinding inputMissing = missingInput.isNotNull();
        Label needs = new Label();
        needs.setId("new-plan-needs");
        needs.setWrapText(true);
        needs.getStyleClass().add("error-text");
        needs.textProperty().bind(missingInput.map(r -> "Agent “" + agent.getValue() + "” plans " + r.step() + " ("
                + r.tool() + "), which needs " + r.description() + ": " + (FIELDS.containsKey(r.name())
                ? "fill in " + FIELDS.get(r.name()) : "inputs." + r.name() + " cannot be given here")
                + ", or pick an agent without that step."));
        needs.visibleProperty().bind(inputMissing);
        needs.managedProperty().bind(needs.visibleProperty());

        GridPane grid = new GridPane(10, 10);
        grid.addRow(0, label("Goal"), goal);
        grid.addRow(1, label("Agent"), agent);
        grid.add(role, 1, 2);
        grid.addRow(3, label("Workspace"), ws);
        grid.addRow(4, label(FIELDS.get("testCommand")), testCommand);
        grid.addRow(5, label(FIELDS.get("patch")), patch);
        grid.add(needs, 1, 6);
        GridPane.setHgrow(goal, Priority.ALWAYS);
        grid.setPrefWidth(560);

        getDialogPane().setContent(grid);
        getDialogPane().getStylesheets().add(io.ossaat.console.layout.MainWindow.STYLESHEET);
        getDialogPane().getButtonTypes().addAll(CREATE, ButtonType.CANCEL);
        Button create = (Button) getDialogPane().lookupButton(CREATE);
        create.setId("new-plan-create");
        create.disableProperty().bind(Bindings.createBooleanBinding(() -> goal.getText().isBlank(),
                goal.textProperty()).or(inputMissing));
        Platform.runLater(goal::requestFocus);
    }

    /** A label that keeps its whole text when the dialog is narrow. */
    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private Optional<Agent> find(String name) {
        return agents.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The first input the chosen agent needs that the form does not hold; null when none is missing. */
    private Agent.RequiredInput missingInput() {
        Map<String, Object> given = inputs();
        return find(agent.getValue()).flatMap(a -> a.requiredInputs().stream()
                .filter(r -> !given.containsKey(r.name())).findFirst()).orElse(null);
    }

    private Map<String, Object> inputs() {
        Map<String, Object> in = new LinkedHashMap<>();
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

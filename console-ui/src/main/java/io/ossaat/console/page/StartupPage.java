package io.ossaat.console.page;

import io.ossaat.console.model.StartupModel;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The engine's start-up progress, and on failure the reason with a retry. */
public final class StartupPage extends StackPane {

    private final StartupModel model;
    private final VBox phases = new VBox(10);
    private final Button settings = new Button("Settings…");

    public StartupPage(StartupModel model) {
        this.model = model;
        getStyleClass().add("startup");
        setId("startup-page");
        createView();
    }

    private void createView() {
        Label title = Ui.styled(model.host().mode().label().equals("embedded") ? "Starting the ossaat engine"
                : "Connecting to the ossaat engine", "title-3");
        Label sub = Ui.styled("", "page-subtitle");
        sub.textProperty().bind(model.stateProperty().map(s -> switch (s) {
            case IDLE, STARTING -> "This takes a few seconds.";
            case READY -> "Ready.";
            case FAILED -> "Start-up failed.";
        }));
        Label error = Ui.styled("", "error-text");
        error.setId("startup-error");
        error.textProperty().bind(model.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        Button retry = new Button("Retry");
        retry.setId("startup-retry");
        retry.getStyleClass().add("accent");
        retry.visibleProperty().bind(model.stateProperty().isEqualTo(StartupModel.State.FAILED));
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(e -> model.retry());

        settings.setId("startup-settings");
        settings.setVisible(false); // until a Settings dialog is offered
        settings.managedProperty().bind(settings.visibleProperty());
        HBox buttons = new HBox(8, retry, settings);

        VBox card = new VBox(title, sub, phases, error, buttons);
        card.getStyleClass().add("startup-card");
        card.setMaxHeight(USE_PREF_SIZE);
        getChildren().add(card);
        StackPane.setAlignment(card, Pos.CENTER);
        model.phases().addListener((ListChangeListener<StartupModel.PhaseRow>) c -> render());
        render();
    }

    /** Offers the Settings dialog when the start fails (a wrong URL or token is fixed there). */
    public void onOpenSettings(Runnable open) {
        settings.setOnAction(e -> open.run());
        settings.visibleProperty().bind(model.stateProperty().isEqualTo(StartupModel.State.FAILED));
    }

    private void render() {
        phases.getChildren().setAll(model.phases().stream().map(this::row).toList());
    }

    private Node row(StartupModel.PhaseRow p) {
        StackPane mark = new StackPane();
        mark.setMinWidth(22);
        Label name = Ui.styled(p.name(), "phase-name");
        name.setMinWidth(110);
        Label detail = Ui.styled("", "phase-detail");
        detail.textProperty().bind(p.detailProperty());
        detail.setWrapText(true);
        p.statusProperty().subscribe(s -> {
            mark.getChildren().setAll(switch (s) {
                case RUNNING -> {
                    ProgressIndicator pi = new ProgressIndicator();
                    pi.setPrefSize(16, 16);
                    yield pi;
                }
                case DONE -> Ui.styled("✓", "phase-mark", "done");
                case FAILED -> Ui.styled("✗", "phase-mark", "failed");
                case PENDING -> Ui.styled("○", "phase-mark", "pending");
            });
        });
        HBox row = new HBox(10, mark, name, detail);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}

package io.ossaat.console.page;

import io.ossaat.console.model.EngineModel;
import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** How the console reaches the engine: mode, URLs, token, component states, recent log lines. */
public final class EnginePage extends VBox {

    private final EngineModel model;

    public EnginePage(EngineModel model) {
        this.model = model;
        getStyleClass().add("page");
        setId("engine-page");
        createView();
    }

    private void createView() {
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());

        GridPane grid = new GridPane(16, 10);
        grid.getStyleClass().add("kv-card");
        int r = 0;
        grid.addRow(r++, key("Mode"), value(model.modeProperty()));
        grid.addRow(r++, key("Status"), Ui.pill(model.statusProperty()));
        grid.addRow(r++, key("API"), value(model.apiUrlProperty()));
        grid.addRow(r++, key("MCP"), value(model.mcpUrlProperty()));
        grid.addRow(r++, key("Metrics"), value(model.metricsUrlProperty()));

        Label token = value(model.tokenProperty());
        token.setId("engine-token");
        Button copy = new Button("Copy");
        copy.setId("copy-token");
        copy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        copy.setOnAction(e -> {
            if (model.copyToken()) {
                copy.setText("Copied ✓"); // the clipboard shows nothing itself
                PauseTransition back = new PauseTransition(Duration.seconds(2));
                back.setOnFinished(x -> copy.setText("Copy"));
                back.play();
            }
        });
        Button show = new Button();
        show.textProperty().bind(model.tokenRevealedProperty().map(on -> on ? "Hide" : "Show"));
        show.setOnAction(e -> model.toggleToken());
        grid.addRow(r++, key("Token"), new HBox(10, token, copy, show));
        grid.addRow(r++, key("Postgres"), Ui.pill(model.postgresProperty()));
        grid.addRow(r++, key("Redis"), Ui.pill(model.redisProperty()));
        grid.addRow(r++, key("Connected"), value(model.uptimeProperty()));
        for (var fact : model.facts().entrySet()) {
            Label v = Ui.styled(fact.getValue(), "kv-value");
            v.setWrapText(true);
            Ui.tooltipOwnText(v); // a long path has no space to wrap at
            v.setId("engine-fact-" + fact.getKey().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            grid.addRow(r++, key(fact.getKey()), v);
        }

        Label notice = Ui.styled("", "warning-text");
        notice.setId("engine-notice");
        notice.setWrapText(true);
        notice.textProperty().bind(model.noticeProperty());
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());
        notice.visibleProperty().bind(notice.managedProperty());

        Label error = Ui.styled("", "error-text");
        error.textProperty().bind(model.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());

        ListView<String> log = new ListView<>(model.logLines());
        log.setId("engine-log");
        log.getStyleClass().addAll("log-list", "dense");
        log.setPlaceholder(Ui.styled("No log lines yet.", "empty-hint"));
        model.logLines().addListener((javafx.collections.ListChangeListener<String>) c ->
                log.scrollTo(model.logLines().size() - 1));
        VBox.setVgrow(log, Priority.ALWAYS);

        getChildren().addAll(Ui.header("Engine", "Where the console's engine runs and how to reach it", refresh),
                notice, grid, error, Ui.styled("Recent log", "text-bold"), log);
    }

    private static Label key(String text) {
        Label l = Ui.styled(text, "kv-key");
        l.setMinWidth(USE_PREF_SIZE); // the value gives way, never the name of what it is
        return l;
    }

    private static Label value(ObservableValue<String> v) {
        Label l = Ui.styled("", "kv-value");
        l.textProperty().bind(v);
        Ui.tooltipOwnText(l);
        return l;
    }
}

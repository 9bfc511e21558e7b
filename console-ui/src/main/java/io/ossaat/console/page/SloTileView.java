package io.ossaat.console.page;

import io.ossaat.console.model.SloTile;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** One SLO tile: name, objective, SLI, budget bar, burn-rate badges; the left border shows the alert. */
final class SloTileView extends VBox {

    private final SloTile tile;
    private final javafx.scene.layout.FlowPane badges = new javafx.scene.layout.FlowPane(6, 4);

    SloTileView(SloTile tile, Runnable onSelect) {
        this.tile = tile;
        getStyleClass().add("slo-tile");
        setMinHeight(USE_PREF_SIZE);
        createView();
        initListeners();
        setOnMouseClicked(e -> onSelect.run());
    }

    SloTile tile() {
        return tile;
    }

    private void createView() {
        Label name = Ui.styled("", "slo-name");
        name.textProperty().bind(tile.titleProperty());
        Label alert = Ui.pill("", "ok");
        alert.textProperty().bind(tile.alertProperty().map(a -> a == null || a.name().equals("NONE") ? "OK" : a.name()));
        tile.alertProperty().subscribe(a -> {
            String s = a == null ? "none" : a.name().toLowerCase(java.util.Locale.ROOT);
            Ui.setStatus(alert, s.equals("none") ? "ok" : s);
            getStyleClass().removeAll("ticket", "page");
            if (!s.equals("none")) {
                getStyleClass().add(s);
            }
        });
        HBox top = new HBox(8, name, Ui.hgrow(), alert);

        Label desc = Ui.styled("", "slo-desc");
        desc.textProperty().bind(tile.descriptionProperty());
        desc.setTooltip(new Tooltip());
        desc.getTooltip().textProperty().bind(tile.descriptionProperty());

        Label sli = Ui.styled("", "slo-sli");
        sli.textProperty().bind(tile.sliProperty());
        Label objective = Ui.styled("", "slo-meta");
        objective.textProperty().bind(tile.objectiveProperty());
        sli.setMinWidth(USE_PREF_SIZE);
        HBox numbers = new HBox(10, sli, Ui.hgrow(), objective);
        numbers.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);

        ProgressBar budget = new ProgressBar();
        budget.getStyleClass().add("budget-bar");
        budget.progressProperty().bind(tile.budgetProperty());
        budget.setMaxWidth(Double.MAX_VALUE);
        budget.setMinHeight(8);
        tile.budgetLevelProperty().subscribe(l -> Ui.setStatus(budget, l.name()));
        Label budgetText = Ui.styled("", "slo-meta");
        budgetText.textProperty().bind(tile.budgetTextProperty());
        Label exhaustion = Ui.styled("", "slo-meta");
        exhaustion.textProperty().bind(tile.exhaustionProperty());

        getChildren().addAll(top, desc, numbers, budget, budgetText, badges, exhaustion);
    }

    private void initListeners() {
        tile.burnBadges().addListener((ListChangeListener<SloTile.BurnBadge>) c -> renderBadges());
        renderBadges();
        tile.selectedProperty().subscribe(on -> {
            if (on) {
                getStyleClass().add("selected");
            } else {
                getStyleClass().remove("selected");
            }
        });
    }

    private void renderBadges() {
        badges.getChildren().setAll(tile.burnBadges().stream()
                .map(b -> {
                    Label l = Ui.pill(b.text(), b.level().name());
                    l.setTooltip(new Tooltip("burn rate over " + b.window() + ": " + b.rate()
                            + "× the rate that spends the budget exactly in the SLO window"));
                    return l;
                })
                .toList());
    }
}

package io.ossaat.console.page;

import io.ossaat.console.client.SloStatus;
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
    private final javafx.scene.control.Hyperlink history = new javafx.scene.control.Hyperlink("History ›");

    SloTileView(SloTile tile, Runnable onSelect, Runnable onOpen) {
        this.tile = tile;
        getStyleClass().add("slo-tile");
        setMinHeight(USE_PREF_SIZE);
        createView();
        initListeners();
        setOnMouseClicked(e -> {
            onSelect.run();
            if (e.getClickCount() == 2) {
                onOpen.run();
            }
        });
        history.setOnAction(e -> onOpen.run());
        // reachable with Tab like a button; Enter or Space charts it
        setFocusTraversable(true);
        setId("slo-tile-" + tile.name());
        setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER || e.getCode() == javafx.scene.input.KeyCode.SPACE) {
                onSelect.run();
                e.consume();
            }
        });
    }

    SloTile tile() {
        return tile;
    }

    private void createView() {
        Label name = Ui.styled("", "slo-name");
        name.textProperty().bind(tile.titleProperty());
        Label alert = Ui.pill("", "ok");
        alert.setId("slo-alert-" + tile.name());
        Runnable showAlert = () -> {
            SloStatus.Alert a = tile.alertProperty().get();
            String s = a == null ? "none" : a.name().toLowerCase(java.util.Locale.ROOT);
            boolean judged = tile.judged();
            // too few events: no verdict, whatever the alert says, so the badge cannot read "OK" next to a bad SLI
            alert.setText(!judged ? "NOT JUDGED" : s.equals("none") ? "OK" : a.name());
            Ui.setStatus(alert, !judged ? "not_judged" : s.equals("none") ? "ok" : s);
            getStyleClass().removeAll("ticket", "page", "not-judged");
            if (!judged) {
                getStyleClass().add("not-judged");
            } else if (!s.equals("none")) {
                getStyleClass().add(s);
            }
        };
        tile.alertProperty().subscribe(a -> showAlert.run());
        tile.budgetLevelProperty().subscribe(l -> showAlert.run());
        history.setId("slo-history-" + tile.name());
        history.setTooltip(new Tooltip("This SLO over 1 h to 30 d: SLI, budget, burn rates, rates, latency (Ctrl+5)"));
        // the name has its own row: beside the badge and the link it was cut short even at 1280 px
        Ui.tooltipOwnText(name);
        history.setMinWidth(USE_PREF_SIZE);
        alert.setMinWidth(USE_PREF_SIZE);

        Label desc = Ui.styled("", "slo-desc");
        desc.textProperty().bind(tile.descriptionProperty());
        desc.setTooltip(new Tooltip());
        desc.getTooltip().textProperty().bind(tile.descriptionProperty());

        Label sli = Ui.styled("", "slo-sli");
        sli.textProperty().bind(tile.sliProperty());
        Label objective = Ui.styled("", "slo-meta");
        objective.textProperty().bind(tile.objectiveProperty());
        sli.setMinWidth(USE_PREF_SIZE);
        HBox numbers = new HBox(10, sli, Ui.hgrow(), alert);
        numbers.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label budgetLabel = Ui.styled("Error budget left", "slo-meta");
        HBox budgetHead = new HBox(10, budgetLabel, Ui.hgrow(), objective);
        ProgressBar budget = new ProgressBar();
        budget.setId("slo-budget-" + tile.name());
        budget.getStyleClass().add("budget-bar");
        Tooltip budgetTip = new Tooltip("The share of this SLO's error budget (the bad events its target allows in"
                + " the SLO window) not yet spent. Empty and grey while there are too few events to judge.");
        budget.setTooltip(budgetTip);
        budgetLabel.setTooltip(budgetTip);
        budget.progressProperty().bind(tile.budgetProperty());
        budget.setMaxWidth(Double.MAX_VALUE);
        budget.setMinHeight(8);
        tile.budgetLevelProperty().subscribe(l -> Ui.setStatus(budget, l.name()));
        Label budgetText = Ui.styled("", "slo-meta");
        budgetText.textProperty().bind(tile.budgetTextProperty());
        Label exhaustion = Ui.styled("", "slo-meta");
        exhaustion.textProperty().bind(tile.exhaustionProperty());
        Ui.tooltipOwnText(exhaustion);
        HBox foot = new HBox(10, exhaustion, Ui.hgrow(), history);
        foot.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        // the chips wrap at the tile's own width: the tile's height is then the one it is drawn with
        badges.prefWrapLengthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(0, getWidth() - snappedLeftInset() - snappedRightInset() - 1), widthProperty(),
                insetsProperty()));

        getChildren().addAll(name, desc, numbers, budgetHead, budget, budgetText, badges, foot);
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
                            + "× the rate that spends the budget exactly in the SLO window"
                            + (b.level() == SloTile.Level.NOT_JUDGED ? " (not judged: too few events)" : "")));
                    return l;
                })
                .toList());
    }
}

package io.ossaat.console.model;

import io.ossaat.console.client.SloStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One SLO tile of the overview, updated in place as snapshots arrive. */
public final class SloTile {

    /** How hard a burn rate burns: ≥ 14.4 pages (2 % of a 30-day budget in 1 h), ≥ 6 tickets, ≥ 1 overspends. */
    /** {@link #NOT_JUDGED} while the SLO has too few events: neither good nor bad, so shown in a neutral colour. */
    public enum Level { NOT_JUDGED, OK, ELEVATED, HIGH, CRITICAL }

    public record BurnBadge(String window, double rate, Level level) {
        public String text() {
            return window + " " + Format.decimal(rate) + "×";
        }
    }

    private final String name;
    private final ReadOnlyObjectWrapper<SloStatus> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper objective = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper sli = new ReadOnlyStringWrapper();
    private final ReadOnlyDoubleWrapper budget = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper budgetText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper exhaustion = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<SloStatus.Alert> alert = new ReadOnlyObjectWrapper<>(SloStatus.Alert.NONE);
    private final ReadOnlyObjectWrapper<Level> budgetLevel = new ReadOnlyObjectWrapper<>(Level.OK);
    private static final List<String> RULE_WINDOWS = List.of("1h", "6h", "1d", "3d");

    private final ObservableList<BurnBadge> burnBadges = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a view that is thrown away are lost when it is collected. */
    private final ObservableList<BurnBadge> burnBadgesReadOnly = FXCollections.unmodifiableObservableList(burnBadges);
    private final ReadOnlyBooleanWrapper selected = new ReadOnlyBooleanWrapper();

    SloTile(SloStatus s) {
        this.name = s.name();
        update(s);
    }

    void update(SloStatus s) {
        status.set(s);
        title.set(s.name());
        description.set(s.description() != null ? s.description() : s.service() != null ? s.service() : "");
        objective.set("target " + Format.percent(s.objective()));
        sli.set(Format.percent(s.sli()));
        alert.set(s.alert());
        if (!s.enoughData()) {
            // a fresh engine's first (cold, slow) requests must neither look like a spent budget nor like a healthy
            // one: the tile says "not judged", with an empty neutral bar and neutral burn badges
            budget.set(0);
            budgetText.set("not judged yet: too few events");
            exhaustion.set(Format.count(s.totalEvents()) + " events so far");
            budgetLevel.set(Level.NOT_JUDGED);
        } else {
            budget.set(Math.max(0, Math.min(1, s.budgetRemaining())));
            budgetText.set(s.budgetRemaining() < 0 ? "budget spent (" + Format.percentWhole(s.budgetRemaining()) + ")"
                    : Format.percentWhole(s.budgetRemaining()) + " of error budget left");
            exhaustion.set(s.timeToExhaustion() == null ? Format.count(s.totalEvents()) + " events · not burning"
                    : Format.count(s.totalEvents()) + " events · exhausted in " + Format.duration(s.timeToExhaustion()));
            budgetLevel.set(s.budgetRemaining() <= 0 ? Level.CRITICAL : s.budgetRemaining() < 0.25 ? Level.HIGH
                    : s.budgetRemaining() < 0.5 ? Level.ELEVATED : Level.OK);
        }
        List<BurnBadge> badges = new ArrayList<>();
        // the engine sends seven windows; a tile shows the long window of each alert rule (1h/5m, 6h/30m,
        // 1d/2h, 3d/6h) when they are there, else what it got
        boolean ruleWindows = s.burnRates().keySet().containsAll(RULE_WINDOWS);
        for (Map.Entry<String, Double> e : s.burnRates().entrySet()) {
            if (!ruleWindows || RULE_WINDOWS.contains(e.getKey())) {
                badges.add(new BurnBadge(e.getKey(), e.getValue(), s.enoughData() ? level(e.getValue()) : Level.NOT_JUDGED));
            }
        }
        if (!badges.equals(burnBadges)) {
            burnBadges.setAll(badges);
        }
    }

    static Level level(double burnRate) {
        return burnRate >= 14.4 ? Level.CRITICAL : burnRate >= 6 ? Level.HIGH : burnRate >= 1 ? Level.ELEVATED : Level.OK;
    }

    void select(boolean on) {
        selected.set(on);
    }

    public String name() {
        return name;
    }

    public ReadOnlyObjectProperty<SloStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty objectiveProperty() {
        return objective.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sliProperty() {
        return sli.getReadOnlyProperty();
    }

    /** Error budget left, clamped to 0..1 for a bar. */
    public ReadOnlyDoubleProperty budgetProperty() {
        return budget.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty budgetTextProperty() {
        return budgetText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exhaustionProperty() {
        return exhaustion.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SloStatus.Alert> alertProperty() {
        return alert.getReadOnlyProperty();
    }

    /** False while the SLO has too few events to say whether it is met. */
    public boolean judged() {
        return budgetLevel.get() != Level.NOT_JUDGED;
    }

    public ReadOnlyObjectProperty<Level> budgetLevelProperty() {
        return budgetLevel.getReadOnlyProperty();
    }

    public ObservableList<BurnBadge> burnBadges() {
        return burnBadgesReadOnly;
    }

    public ReadOnlyBooleanProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }
}

package io.ossaat.console.model;

import io.ossaat.console.client.EngineClient;
import io.ossaat.console.client.SloDetail;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The SLO detail page: one SLO over a range. Each load asks the engine for as many points as the charts have
 * pixels (at most the engine's 2,000); a newer load wins over one still under way.
 */
public final class SloDetailModel {
    /** The most points the engine gives ({@code points=} on {@code /v1/slo/{name}}). */
    public static final int MAX_POINTS = 2000;

    private final EngineClient client;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<SloRange> range = new ReadOnlyObjectWrapper<>(SloRange.DAY);
    private final ReadOnlyObjectWrapper<SloTable> table = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private int points = 600;
    private long generation;
    private long loadStartNanos;

    public SloDetailModel(EngineClient client) {
        this.client = client;
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SloRange> rangeProperty() {
        return range.getReadOnlyProperty();
    }

    /** The loaded series; null before the first load. */
    public ReadOnlyObjectProperty<SloTable> tableProperty() {
        return table.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** {@link System#nanoTime()} when the load that produced the current table was asked for. */
    public long loadStartNanos() {
        return loadStartNanos;
    }

    /** Shows {@code sloName} (keeping the range) and loads it. */
    public void open(String sloName) {
        name.set(sloName);
        refresh();
    }

    public void range(SloRange r) {
        range.set(r);
        refresh();
    }

    /** How many points to ask for: the charts' width in pixels (ignored before layout). Does not reload. */
    public void points(int pixels) {
        if (pixels < 10) {
            return;
        }
        points = Math.min(pixels, MAX_POINTS);
    }

    public void refresh() {
        String n = name.get();
        if (n == null || n.isBlank()) {
            return;
        }
        long mine = ++generation;
        long started = System.nanoTime();
        SloRange r = range.get();
        int asked = points;
        loading.set(true);
        Background.run("slo-detail", () -> client.sloDetail(n, r.query(), asked), (SloDetail d) -> {
            if (mine == generation) {
                loading.set(false);
                error.set("");
                loadStartNanos = started;
                table.set(new SloTable(d, r));
            }
        }, e -> {
            if (mine == generation) {
                loading.set(false);
                error.set("Cannot load " + n + ": " + Background.message(e));
            }
        });
    }
}

package io.ossaat.console.model;

import io.ossaat.console.client.EngineClient;
import io.ossaat.console.client.EngineException;
import io.ossaat.console.client.SloStatus;
import io.ossaat.console.client.StreamListener;
import io.ossaat.console.client.Subscription;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The overview: a tile per SLO and live chart series fed by {@code /v1/slo/stream}. The latency and rate
 * charts follow the selected SLO (by default the first with latency percentiles); the budget chart shows
 * every SLO. Each SLO keeps a bounded history, so the charts never grow without end.
 */
public final class OverviewModel {

    /** One snapshot of one SLO at {@code t} seconds after the model started. */
    record Sample(double t, SloStatus status) {
    }

    static final double RATE_WINDOW_SECONDS = 0.9;

    private final EngineClient client;
    private final LongSupplier clockMillis;
    private final long t0;
    private final int maxPoints;

    private final ObservableList<SloTile> tiles = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a view that is thrown away are lost when it is collected. */
    private final ObservableList<SloTile> tilesReadOnly = FXCollections.unmodifiableObservableList(tiles);
    private final Map<String, Deque<Sample>> history = new HashMap<>();
    private final ReadOnlyObjectWrapper<SloTile> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper streamStatus = new ReadOnlyStringWrapper("connecting…");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyDoubleWrapper windowStart = new javafx.beans.property.ReadOnlyDoubleWrapper();
    private final javafx.beans.property.ReadOnlyDoubleWrapper windowEnd = new javafx.beans.property.ReadOnlyDoubleWrapper();

    private final XYChart.Series<Number, Number> p50 = series("p50");
    private final XYChart.Series<Number, Number> p95 = series("p95");
    private final XYChart.Series<Number, Number> p99 = series("p99");
    private final XYChart.Series<Number, Number> target = series("target");
    private final XYChart.Series<Number, Number> requests = series("requests/s");
    private final XYChart.Series<Number, Number> errors = series("errors/s");
    private final ObservableList<XYChart.Series<Number, Number>> latencySeries =
            FXCollections.observableArrayList(List.of(p50, p95, p99, target));
    private final ObservableList<XYChart.Series<Number, Number>> rateSeries =
            FXCollections.observableArrayList(List.of(requests, errors));
    private final ObservableList<XYChart.Series<Number, Number>> budgetSeries = FXCollections.observableArrayList();
    private final Map<String, XYChart.Series<Number, Number>> budgetByName = new LinkedHashMap<>();

    private Subscription subscription;
    private boolean stopped;

    public OverviewModel(EngineClient client) {
        this(client, System::currentTimeMillis, 300);
    }

    /** @param maxPoints how many snapshots each SLO keeps (one a second: 300 = five minutes) */
    public OverviewModel(EngineClient client, LongSupplier clockMillis, int maxPoints) {
        this.client = client;
        this.clockMillis = clockMillis;
        this.t0 = clockMillis.getAsLong();
        this.maxPoints = maxPoints;
    }

    // ---- read-only state ------------------------------------------------------------------------------

    public ObservableList<SloTile> tiles() {
        return tilesReadOnly;
    }

    public ReadOnlyObjectProperty<SloTile> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty streamStatusProperty() {
        return streamStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** p50, p95, p99 and the target line of the selected SLO, in ms. */
    public ObservableList<XYChart.Series<Number, Number>> latencySeries() {
        return latencySeries;
    }

    /** Requests and errors per second of the selected SLO. */
    public ObservableList<XYChart.Series<Number, Number>> rateSeries() {
        return rateSeries;
    }

    /** Error budget remaining (%) of every SLO. */
    public ObservableList<XYChart.Series<Number, Number>> budgetSeries() {
        return budgetSeries;
    }

    /** x of the oldest point any chart still holds (seconds after {@link #originMillis()}). */
    public javafx.beans.property.ReadOnlyDoubleProperty windowStartProperty() {
        return windowStart.getReadOnlyProperty();
    }

    /** x of the newest snapshot. */
    public javafx.beans.property.ReadOnlyDoubleProperty windowEndProperty() {
        return windowEnd.getReadOnlyProperty();
    }

    /** Epoch millis of x = 0 on the charts (x is seconds after it). */
    public long originMillis() {
        return t0;
    }

    // ---- commands -------------------------------------------------------------------------------------

    /**
     * Loads the current statuses, then follows the stream. An engine without an SLO monitor (404 on
     * {@code /v1/slo}) is said so once, and no stream is opened.
     */
    public void start() {
        if (subscription != null || stopped) {
            return;
        }
        Background.run("slo-load", client::sloStatuses, statuses -> {
            apply(statuses);
            follow();
        }, t -> {
            if (t instanceof EngineException.Api api && api.status() == 404) {
                streamStatus.set("unavailable");
                error.set("This engine does not serve SLOs (GET /v1/slo answered 404): it has no SLO monitor yet.");
            } else {
                error.set(Background.message(t));
                follow();
            }
        });
    }

    private void follow() {
        if (subscription != null || stopped) {
            return;
        }
        FxBatcher<List<SloStatus>> batcher = new FxBatcher<>(batch -> batch.forEach(this::apply));
        subscription = client.subscribeSlo(new StreamListener<>() {
            @Override
            public void onItem(List<SloStatus> item) {
                batcher.offer(item);
            }

            @Override
            public void onStatus(Status status, String detail) {
                Background.fx(() -> streamStatus.set(switch (status) {
                    case CONNECTING -> "connecting…";
                    case OPEN -> "live";
                    case RETRYING -> "reconnecting: " + detail;
                    case CLOSED -> "stopped";
                }));
            }
        });
    }

    public void stop() {
        stopped = true;
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** Points the latency and rate charts at one SLO. */
    public void select(String sloName) {
        tiles.stream().filter(t -> t.name().equals(sloName)).findFirst().ifPresent(tile -> {
            selected.set(tile);
            tiles.forEach(t -> t.select(t == tile));
            rebuildSelectedSeries();
        });
    }

    /** Applies one snapshot (FX thread). */
    void apply(List<SloStatus> snapshot) {
        error.set("");
        double t = (clockMillis.getAsLong() - t0) / 1000.0;
        for (SloStatus s : snapshot) {
            SloTile tile = tiles.stream().filter(x -> x.name().equals(s.name())).findFirst().orElse(null);
            if (tile == null) {
                tiles.add(new SloTile(s));
            } else {
                tile.update(s);
            }
            Deque<Sample> h = history.computeIfAbsent(s.name(), k -> new ArrayDeque<>());
            Sample previous = h.peekLast();
            if (previous != null && previous.t() >= t) {
                continue; // the initial load and the first stream item can land in the same instant
            }
            h.addLast(new Sample(t, s));
            trim(h);
            XYChart.Series<Number, Number> budget = budgetByName.computeIfAbsent(s.name(), n -> {
                XYChart.Series<Number, Number> added = series(n);
                budgetSeries.add(added);
                return added;
            });
            // like the tile: too few events to judge reads as an untouched budget, not a spent one
            add(budget, t, s.enoughData() ? s.budgetRemaining() * 100 : 100);
            if (selected.get() != null && selected.get().name().equals(s.name())) {
                appendSelected(h.peekLast());
            }
        }
        windowEnd.set(t);
        windowStart.set(history.values().stream().filter(h -> !h.isEmpty()).mapToDouble(h -> h.peekFirst().t())
                .min().orElse(t));
        if (selected.get() == null && !tiles.isEmpty()) {
            select(tiles.stream().filter(x -> x.statusProperty().get().hasLatency()).findFirst()
                    .orElse(tiles.getFirst()).name());
        }
    }

    private void rebuildSelectedSeries() {
        for (var s : List.of(p50, p95, p99, target, requests, errors)) {
            s.getData().clear();
        }
        Deque<Sample> h = history.get(selected.get().name());
        if (h == null) {
            return;
        }
        for (Sample s : h) {
            appendSelected(s);
        }
    }

    private void appendSelected(Sample now) {
        SloStatus s = now.status();
        if (s.p50Ms() != null) {
            add(p50, now.t(), s.p50Ms());
        }
        if (s.p95Ms() != null) {
            add(p95, now.t(), s.p95Ms());
        }
        if (s.p99Ms() != null) {
            add(p99, now.t(), s.p99Ms());
        }
        if (s.thresholdMs() != null) {
            add(target, now.t(), s.thresholdMs());
        }
        Sample previous = rateBase(now);
        if (previous != null) {
            double dt = now.t() - previous.t();
            long dTotal = s.totalEvents() - previous.status().totalEvents();
            long dBad = s.badEvents() - previous.status().badEvents();
            if (dt > 0 && dTotal >= 0 && dBad >= 0) { // a counter reset (engine restart) skips one point
                add(requests, now.t(), dTotal / dt);
                add(errors, now.t(), dBad / dt);
            }
        }
    }

    /**
     * The newest earlier sample at least {@link #RATE_WINDOW_SECONDS} older than {@code now}: rates over a short
     * window stay smooth however often snapshots come, and two snapshots a millisecond apart make no spike.
     */
    private Sample rateBase(Sample now) {
        Sample base = null;
        for (Sample s : history.get(now.status().name())) {
            if (s.t() <= now.t() - RATE_WINDOW_SECONDS) {
                base = s;
            }
        }
        return base;
    }

    private void add(XYChart.Series<Number, Number> series, double t, double value) {
        ObservableList<XYChart.Data<Number, Number>> data = series.getData();
        data.add(new XYChart.Data<>(t, value));
        if (data.size() > maxPoints) {
            data.remove(0, data.size() - maxPoints);
        }
    }

    private void trim(Deque<Sample> h) {
        while (h.size() > maxPoints) {
            h.removeFirst();
        }
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }
}

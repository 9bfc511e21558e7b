package io.ossaat.console.page;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ossaat.console.chart.Series;
import io.ossaat.console.chart.Threshold;
import io.ossaat.console.chart.TimeSeriesChart;
import io.ossaat.console.client.SloDetail;
import io.ossaat.console.client.SloStatus;
import io.ossaat.console.model.SloDetailModel;
import io.ossaat.console.model.SloRange;
import io.ossaat.console.model.SloRulesText;
import io.ossaat.console.model.SloTable;
import io.ossaat.console.model.SloTile;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;

/**
 * One SLO over a chosen range: SLI against the objective, the budget's burn-down, burn rates per alert window with
 * the rules' factors, request and error rates, latency percentiles against the threshold, and the rules in words.
 */
public final class SloDetailPage extends VBox {
    private static final System.Logger LOG = System.getLogger(SloDetailPage.class.getName());
    private static final Color BLUE = Color.web("#58a6ff");
    private static final Color GREEN = Color.web("#3fb950");
    private static final Color ORANGE = Color.web("#d29922");
    private static final Color RED = Color.web("#f85149");
    private static final Color PURPLE = Color.web("#bc8cff");
    private static final Color GREY = Color.web("#8b949e");
    private static final List<Color> BURN_COLORS = List.of(RED, ORANGE, PURPLE, BLUE);

    private final SloDetailModel model;
    private final ObservableList<SloTile> tiles;
    private final ComboBox<String> select = new ComboBox<>();
    private final ToggleGroup ranges = new ToggleGroup();
    private final Label summary = Ui.styled("", "slo-detail-summary");
    private final Label notice = Ui.styled("", "slo-meta");
    private final VBox rules = new VBox(4);
    private final TimeSeriesChart sli = chart("slo-chart-sli");
    private final TimeSeriesChart budget = chart("slo-chart-budget");
    private final TimeSeriesChart burn = chart("slo-chart-burn");
    private final TimeSeriesChart rates = chart("slo-chart-rates");
    private final TimeSeriesChart latency = chart("slo-chart-latency");
    private final GridPane charts = new GridPane(12, 12);

    public SloDetailPage(SloDetailModel model, ObservableList<SloTile> tiles) {
        this.model = model;
        this.tiles = tiles;
        getStyleClass().add("page");
        setId("slo-detail-page");
        createView();
        initListeners();
    }

    public GridPane charts() {
        return charts;
    }

    private void createView() {
        select.setId("slo-detail-select");
        select.setPromptText("choose an SLO");
        HBox rangeButtons = new HBox(0);
        rangeButtons.getStyleClass().add("segmented");
        for (SloRange r : SloRange.values()) {
            ToggleButton b = new ToggleButton(r.query());
            b.setId("slo-range-" + r.query());
            b.setUserData(r);
            b.setToggleGroup(ranges);
            b.setOnAction(e -> {
                if (!b.isSelected()) {
                    b.setSelected(true); // one range is always chosen
                }
                model.range(r);
            });
            rangeButtons.getChildren().add(b);
        }
        Button png = new Button("PNG");
        png.setId("slo-export-png");
        png.setOnAction(e -> choose("PNG image", "*.png", ".png").ifPresent(this::exportPngQuietly));
        Button csv = new Button("CSV");
        csv.setId("slo-export-csv");
        csv.setOnAction(e -> choose("CSV table", "*.csv", ".csv").ifPresent(this::exportCsvQuietly));
        png.disableProperty().bind(model.tableProperty().isNull());
        csv.disableProperty().bind(model.tableProperty().isNull());

        Label error = Ui.styled("", "error-text");
        error.textProperty().bind(model.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        summary.setId("slo-detail-summary");
        notice.setId("slo-detail-notice");
        rules.setId("slo-rules");

        charts.add(card("SLI against the objective", sli), 0, 0);
        charts.add(card("Error budget remaining over the SLO window", budget), 1, 0);
        charts.add(card("Burn rate per alert window", burn), 0, 1);
        charts.add(card("Requests and errors per second", rates), 1, 1);
        charts.add(card("Latency", latency), 0, 2);
        // the sentences wrap; a short card scrolls them rather than cut them off
        ScrollPane rulesScroll = new ScrollPane(rules);
        rulesScroll.setFitToWidth(true);
        rulesScroll.getStyleClass().add("edge-to-edge");
        charts.add(card("Alert rules", rulesScroll), 1, 2);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        half.setHgrow(Priority.ALWAYS);
        charts.getColumnConstraints().addAll(half, half);
        for (int i = 0; i < 3; i++) {
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(100.0 / 3);
            row.setVgrow(Priority.ALWAYS);
            charts.getRowConstraints().add(row);
        }
        VBox.setVgrow(charts, Priority.ALWAYS);
        charts.setMinHeight(0);

        // a row of their own: in the header they cut the title and their own labels short at 1024 px
        png.setMinWidth(USE_PREF_SIZE);
        csv.setMinWidth(USE_PREF_SIZE);
        rangeButtons.getChildren().forEach(b -> ((javafx.scene.control.Control) b).setMinWidth(USE_PREF_SIZE));
        HBox tools = new HBox(8, select, rangeButtons, Ui.hgrow(), png, csv);
        tools.setAlignment(Pos.CENTER_LEFT);
        // one under the other: a VBox gives a wrapping label its width (an HBox would cut it to one line)
        summary.setWrapText(true);
        summary.setMinHeight(USE_PREF_SIZE);
        notice.setWrapText(true);
        VBox facts = new VBox(2, summary, notice);
        getChildren().addAll(Ui.header("SLO detail", "history over a range"), tools, error, facts, charts);
    }

    private void initListeners() {
        tiles.addListener((ListChangeListener<SloTile>) c -> fillSelect());
        fillSelect();
        select.valueProperty().subscribe(n -> {
            if (n != null && !n.equals(model.nameProperty().get())) {
                model.open(n);
            }
        });
        model.nameProperty().subscribe(n -> select.setValue(n));
        model.rangeProperty().subscribe(r -> ranges.getToggles().forEach(t -> t.setSelected(t.getUserData() == r)));
        model.tableProperty().subscribe(this::render);
        // ask for as many points as the charts are wide
        sli.widthProperty().subscribe(w -> model.points(sli.plotWidth()));
    }

    private void fillSelect() {
        List<String> names = tiles.stream().map(SloTile::name).toList();
        if (!select.getItems().equals(names)) {
            select.getItems().setAll(names);
            select.setValue(model.nameProperty().get());
        }
    }

    private void render(SloTable t) {
        if (t == null) {
            return;
        }
        long drawStart = System.nanoTime();
        SloDetail d = t.detail();
        SloStatus s = d.status();
        long from = d.from().toEpochMilli();
        long to = d.to().toEpochMilli();
        double[] x = t.times();

        summary.setText(String.format(Locale.ROOT, "%s · SLI %.3f %% against %.3f %% · budget left %.1f %% · alert %s · %,d events",
                s.name(), s.sli() * 100, s.objective() * 100, s.budgetRemaining() * 100,
                s.alert() == SloStatus.Alert.NONE ? "none" : s.alert().name(), s.totalEvents()));
        notice.setText(d.points().size() + " points of " + step(d.step()) + (s.enoughData() ? "" : " · too few events to judge"));

        sli.show(List.of(new Series("SLI %", BLUE, x, t.sliPercent())),
                List.of(new Threshold("objective " + pct(s.objective() * 100), s.objective() * 100, GREEN)),
                from, to, null, 100.0, SloDetailPage::pct);
        budget.show(List.of(new Series("budget left %", GREEN, x, t.budgetPercent())),
                List.of(new Threshold("spent", 0, RED)), from, to, null, null, SloDetailPage::pct);

        List<Series> burns = new ArrayList<>();
        List<Threshold> factors = new ArrayList<>();
        for (int i = 0; i < d.alertRules().size(); i++) {
            SloDetail.AlertRule r = d.alertRules().get(i);
            Color c = BURN_COLORS.get(i % BURN_COLORS.size());
            burns.add(new Series(r.longWindow(), c, x, t.burnRate(r.longWindow())));
            factors.add(new Threshold((r.severity() == SloStatus.Alert.PAGE ? "page " : "ticket ") + r.longWindow()
                    + " " + SloRulesText.factor(r.factor()) + "×", r.factor(), c.deriveColor(0, 1, 1, 0.7)));
        }
        burn.show(burns, factors, from, to, 0.0, null, SloDetailPage::plain);

        rates.show(List.of(new Series("requests/s", BLUE, x, t.requestsPerSecond()),
                        new Series("errors/s", RED, x, t.errorsPerSecond())),
                List.of(), from, to, 0.0, null, SloDetailPage::plain);

        if (t.hasLatency()) {
            latency.show(List.of(new Series("p50 ms", GREEN, x, t.p50()), new Series("p95 ms", ORANGE, x, t.p95()),
                            new Series("p99 ms", RED, x, t.p99())),
                    List.of(new Threshold("threshold " + plain(s.thresholdMs()) + " ms", s.thresholdMs(), GREY)),
                    from, to, 0.0, null, SloDetailPage::plain);
        } else {
            latency.show(List.of(), List.of(), from, to, 0.0, 1.0, SloDetailPage::plain);
        }
        rules.getChildren().setAll(SloRulesText.sentences(d.alertRules()).stream().map(text -> {
            Label l = Ui.styled(text, "slo-rule");
            l.setWrapText(true);
            return (Node) l;
        }).toList());
        if (!t.hasLatency()) {
            rules.getChildren().add(Ui.styled("A ratio SLO: no latency to chart.", "slo-meta"));
        } else {
            rules.getChildren().add(Ui.styled("Latency percentiles cover the last day of this engine only.", "slo-meta"));
        }
        long now = System.nanoTime();
        LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT,
                "slo detail %s %s: %d points, drawn in %.1f ms, %.1f ms after it was asked for",
                s.name(), t.range().query(), d.points().size(), (now - drawStart) / 1e6,
                (now - model.loadStartNanos()) / 1e6));
    }

    /** Writes the charts as they are on screen. */
    public void exportPng(Path file) throws IOException {
        try {
            io.ossaat.console.Snapshots.png(charts.snapshot(null, null), file);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Writes the charted series. */
    public void exportCsv(Path file) throws IOException {
        SloTable t = model.tableProperty().get();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            t.writeCsv(w);
        }
    }

    private void exportPngQuietly(Path file) {
        try {
            exportPng(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "PNG not written to " + file, e);
        }
    }

    private void exportCsvQuietly(Path file) {
        try {
            exportCsv(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "CSV not written to " + file, e);
        }
    }

    private java.util.Optional<Path> choose(String what, String pattern, String suffix) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        chooser.setInitialFileName(model.nameProperty().get() + "-" + model.rangeProperty().get().query() + suffix);
        java.io.File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(java.io.File::toPath);
    }

    private static TimeSeriesChart chart(String id) {
        TimeSeriesChart c = new TimeSeriesChart();
        c.setId(id);
        return c;
    }

    private static VBox card(String title, javafx.scene.layout.Region body) {
        VBox v = new VBox(4, Ui.styled(title, "chart-title"), body);
        VBox.setVgrow(body, Priority.ALWAYS);
        v.getStyleClass().add("chart-card");
        v.setMinHeight(0);
        return v;
    }

    private static String step(java.time.Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 99 && Math.abs(v) < 100 ? "%.2f%%" : "%.1f%%", v);
    }

    private static String plain(double v) {
        double a = Math.abs(v);
        // below 0.1 two significant digits: a quiet engine's 0.0025 requests/s would read "0.00" on every tick
        return a == 0 ? "0" : String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 0.1 ? "%.2f" : "%.2g", v);
    }
}

package io.ossaat.console.page;

import io.ossaat.console.model.OverviewModel;
import io.ossaat.console.model.SloTile;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** SLO tiles and the live charts. */
public final class OverviewPage extends VBox {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final OverviewModel model;
    private final FlowPane tiles = new FlowPane(12, 12);
    private final Label latencyTitle = Ui.styled("Latency", "chart-title");
    private final Label rateTitle = Ui.styled("Requests and errors", "chart-title");
    private LineChart<Number, Number> latencyChart;

    public OverviewPage(OverviewModel model) {
        this.model = model;
        getStyleClass().add("page");
        setId("overview-page");
        createView();
        initListeners();
    }

    public LineChart<Number, Number> latencyChart() {
        return latencyChart;
    }

    private void createView() {
        Label error = Ui.styled("", "error-text");
        error.textProperty().bind(model.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        tiles.setId("slo-tiles");

        latencyChart = chart("ms", model.latencySeries(), "latency-chart");
        latencyChart.setId("latency-chart");
        LineChart<Number, Number> rates = chart("per second", model.rateSeries(), "rate-chart");
        rates.setId("rate-chart");
        LineChart<Number, Number> budget = chart("% left", model.budgetSeries(), "budget-chart");
        budget.setId("budget-chart");
        ((NumberAxis) budget.getYAxis()).setAutoRanging(false);
        ((NumberAxis) budget.getYAxis()).setLowerBound(0);
        ((NumberAxis) budget.getYAxis()).setUpperBound(100);
        ((NumberAxis) budget.getYAxis()).setTickUnit(25);

        GridPane charts = new GridPane(12, 12);
        charts.add(card(latencyTitle, latencyChart), 0, 0);
        charts.add(card(rateTitle, rates), 1, 0);
        charts.add(card(Ui.styled("Error budget remaining", "chart-title"), budget), 0, 1, 2, 1);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        half.setHgrow(Priority.ALWAYS);
        RowConstraints row = new RowConstraints();
        row.setVgrow(Priority.ALWAYS);
        row.setPercentHeight(50);
        charts.getColumnConstraints().addAll(half, half);
        charts.getRowConstraints().addAll(row, row);
        VBox.setVgrow(charts, Priority.ALWAYS);

        getChildren().addAll(
                Ui.header("Overview", "Service level objectives, live", Ui.pill(model.streamStatusProperty())),
                error, tiles, charts);
    }

    private void initListeners() {
        model.tiles().addListener((ListChangeListener<SloTile>) c -> renderTiles());
        renderTiles();
        model.selectedProperty().subscribe(tile -> {
            String name = tile == null ? "" : " · " + tile.name();
            latencyTitle.setText("Latency p50 / p95 / p99 vs target" + name);
            rateTitle.setText("Requests and errors" + name);
        });
    }

    private void renderTiles() {
        tiles.getChildren().setAll(model.tiles().stream()
                .map(t -> new SloTileView(t, () -> model.select(t.name())))
                .toList());
    }

    private LineChart<Number, Number> chart(String yLabel, javafx.collections.ObservableList<XYChart.Series<Number, Number>> data,
                                            String styleClass) {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setAutoRanging(true);
        x.setMinorTickVisible(false);
        long origin = model.originMillis();
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                return CLOCK.format(Instant.ofEpochMilli(origin + (long) (seconds.doubleValue() * 1000)));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setMinorTickVisible(false);
        y.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(x, y, data);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        chart.getStyleClass().add(styleClass);
        chart.setMinHeight(150);
        return chart;
    }

    private static VBox card(Label title, LineChart<Number, Number> chart) {
        VBox v = new VBox(2, title, chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        v.getStyleClass().add("chart-card");
        v.setMinHeight(0);
        return v;
    }
}

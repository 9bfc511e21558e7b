package io.ossaat.console.page;

import io.ossaat.console.model.OverviewModel;
import io.ossaat.console.model.SloTile;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** SLO tiles and the live charts. */
public final class OverviewPage extends VBox {

    /** The smallest card height at which a chart keeps its plot, x axis and tick labels. */
    static final double CHART_MIN_HEIGHT = 220;
    /** The narrowest a tile gets: its name, SLI, badge and link on their rows without being cut short. */
    static final double TILE_MIN_WIDTH = 230;
    private static final double SCROLL_BAR_ALLOWANCE = 16;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final OverviewModel model;
    private final FlowPane tiles = new FlowPane(12, 12);
    private final ScrollPane scroll = new ScrollPane();
    private final Label latencyTitle = Ui.styled("Latency", "chart-title");
    private final Label rateTitle = Ui.styled("Requests and errors", "chart-title");
    private LineChart<Number, Number> latencyChart;
    private java.util.function.Consumer<String> openSlo = name -> { };

    public OverviewPage(OverviewModel model) {
        this.model = model;
        getStyleClass().add("page");
        setId("overview-page");
        createView();
        initListeners();
    }

    /** What "History" on a tile (or a double click) does: open the SLO's detail page. */
    public void onOpenSlo(java.util.function.Consumer<String> open) {
        this.openSlo = open;
    }

    public LineChart<Number, Number> latencyChart() {
        return latencyChart;
    }

    private void createView() {
        Label error = Ui.styled("", "error-text");
        error.textProperty().bind(model.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        tiles.setId("slo-tiles");
        tiles.setMinHeight(USE_PREF_SIZE);
        tiles.setRowValignment(javafx.geometry.VPos.TOP);

        latencyChart = chart("ms", model.latencySeries(), "latency-chart");
        latencyChart.setId("latency-chart");
        LineChart<Number, Number> rates = chart("per second", model.rateSeries(), "rate-chart");
        rates.setId("rate-chart");
        LineChart<Number, Number> budget = chart("% left", model.budgetSeries(), "budget-chart");
        HBox budgetLegend = legend(model.budgetSeries(), "budget");
        budget.setId("budget-chart");
        ((NumberAxis) budget.getYAxis()).setAutoRanging(false);
        ((NumberAxis) budget.getYAxis()).setLowerBound(0);
        ((NumberAxis) budget.getYAxis()).setUpperBound(100);
        ((NumberAxis) budget.getYAxis()).setTickUnit(25);

        GridPane charts = new GridPane(12, 12);
        charts.add(card(latencyTitle, legend(model.latencySeries(), "latency"), latencyChart), 0, 0);
        charts.add(card(rateTitle, legend(model.rateSeries(), "rate"), rates), 1, 0);
        charts.add(card(Ui.styled("Error budget remaining", "chart-title"), budgetLegend, budget), 0, 1, 2, 1);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        half.setHgrow(Priority.ALWAYS);
        RowConstraints row = new RowConstraints();
        row.setVgrow(Priority.ALWAYS);
        row.setPercentHeight(50);
        charts.getColumnConstraints().addAll(half, half);
        charts.getRowConstraints().addAll(row, row);
        // below this a chart loses its x axis: a short window scrolls instead
        charts.setMinHeight(2 * CHART_MIN_HEIGHT + charts.getVgap());
        VBox.setVgrow(charts, Priority.ALWAYS);

        VBox body = new VBox(12, error, tiles, charts);
        scroll.setContent(body);
        scroll.setId("overview-scroll");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true); // fills a tall window; never below the body's minimum, which then scrolls
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(
                Ui.header("Overview", "Service level objectives, live", Ui.pill(model.streamStatusProperty())),
                scroll);
    }

    private void initListeners() {
        model.tiles().addListener((ListChangeListener<SloTile>) c -> renderTiles());
        renderTiles();
        // sized from the scroll pane, not the tiles' own width: a scroll bar that comes and goes must not resize
        // the tiles, which would change the height, which would bring or take the scroll bar again
        scroll.widthProperty().addListener((o, a, b) -> sizeTiles());
        model.selectedProperty().subscribe(tile -> {
            String name = tile == null ? "" : " · " + tile.name();
            latencyTitle.setText("Latency" + name);
            rateTitle.setText("Requests and errors" + name);
        });
    }

    private void renderTiles() {
        tiles.getChildren().setAll(model.tiles().stream()
                .map(t -> new SloTileView(t, () -> model.select(t.name()), () -> openSlo.accept(t.name())))
                .toList());
        sizeTiles();
    }

    /**
     * Equal columns of at least {@link #TILE_MIN_WIDTH}, as many as divide the tiles into full rows (four tiles:
     * 4, else 2x2), so no tile is left alone on a row of its own.
     */
    private void sizeTiles() {
        int n = tiles.getChildren().size();
        double w = scroll.getWidth() - SCROLL_BAR_ALLOWANCE;
        if (n == 0 || w <= 0) {
            return;
        }
        int columns = columns(n, w, tiles.getHgap());
        double each = Math.floor((w - tiles.getHgap() * (columns - 1)) / columns) - 0.5;
        tiles.getChildren().forEach(t -> {
            javafx.scene.layout.Region r = (javafx.scene.layout.Region) t;
            r.setMinWidth(each);
            r.setPrefWidth(each);
        });
    }

    static int columns(int tiles, double width, double gap) {
        int fit = Math.max(1, Math.min(tiles, (int) ((width + gap) / (TILE_MIN_WIDTH + gap))));
        for (int c = fit; c > 1; c--) {
            if (tiles % c == 0) {
                return c;
            }
        }
        return fit; // a prime count fills what fits
    }

    /** A compact legend above a chart; dot colours follow the chart's series order (see console.css). */
    private static HBox legend(javafx.collections.ObservableList<XYChart.Series<Number, Number>> series, String chart) {
        HBox box = new HBox(14);
        box.getStyleClass().add("chart-legend-row");
        Runnable render = () -> {
            box.getChildren().clear();
            for (int i = 0; i < series.size(); i++) {
                javafx.scene.layout.Region dot = new javafx.scene.layout.Region();
                dot.getStyleClass().addAll("legend-dot", chart + "-c" + (i % 8));
                Label l = new Label(series.get(i).getName(), dot);
                l.getStyleClass().add("legend-label");
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the title gives way, never the legend
                box.getChildren().add(l);
            }
        };
        series.addListener((ListChangeListener<XYChart.Series<Number, Number>>) c -> render.run());
        render.run();
        return box;
    }

    /** Both charts' x axes show the same window; ticks at a round number of seconds, at most ~7 labels. */
    private void followWindow(NumberAxis x) {
        Runnable update = () -> {
            double end = model.windowEndProperty().get();
            double start = model.windowStartProperty().get();
            // a fresh chart shows the last 30 s and fills from the right: its axis never runs into the future
            start = Math.min(start, end - 30);
            double span = end - start;
            double unit = 600;
            for (double u : new double[]{1, 2, 5, 10, 15, 30, 60, 120, 300, 600}) {
                if (span / u <= 7) {
                    unit = u;
                    break;
                }
            }
            // ticks fall on round clock times: shift the lower bound back to a multiple of the unit
            double originSeconds = model.originMillis() / 1000.0;
            double aligned = Math.floor((originSeconds + start) / unit) * unit - originSeconds;
            x.setLowerBound(aligned);
            x.setUpperBound(end);
            x.setTickUnit(unit);
        };
        model.windowEndProperty().addListener((o, a, b) -> update.run());
        update.run();
    }

    private LineChart<Number, Number> chart(String yLabel, javafx.collections.ObservableList<XYChart.Series<Number, Number>> data,
                                            String styleClass) {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setAutoRanging(false);
        followWindow(x);
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
        chart.setLegendVisible(false);
        chart.setVerticalZeroLineVisible(false);
        chart.getStyleClass().add(styleClass);
        chart.setMinHeight(150);
        return chart;
    }

    private static VBox card(Label title, HBox legend, LineChart<Number, Number> chart) {
        title.setMinWidth(0);
        Ui.tooltipOwnText(title); // a narrow card cuts the SLO's name short
        legend.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox head = new HBox(16, title, Ui.hgrow(), legend);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox v = new VBox(2, head, chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        v.getStyleClass().add("chart-card");
        v.setMinHeight(0);
        return v;
    }
}

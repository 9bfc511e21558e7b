package io.ossaat.console.chart;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.DoubleFunction;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A time-series line chart drawn on a canvas. However many points a series has, each pixel column draws at most
 * its first, lowest, highest and last value ({@link Downsample#m4}), so a 30-day range costs what the chart's width
 * costs. Thresholds are dashed lines with their label; the y axis always includes them.
 */
public final class TimeSeriesChart extends Region {
    private static final double LEFT = 64; // room for "-1900.0%"
    private static final double LABEL_HEIGHT = 12;
    private static final double RIGHT = 10;
    private static final double TOP = 22;
    private static final double BOTTOM = 22;
    private static final Color GRID = Color.gray(0.5, 0.25);
    /** A grey that reads on Primer Light and Dark alike (about 4:1 on white and on the dark background). */
    private static final Color TEXT = Color.web("#768390");
    private static final Font FONT = Font.font(11);

    private final Canvas canvas = new Canvas();
    private List<Series> series = List.of();
    private List<Threshold> thresholds = List.of();
    private double x0;
    private double x1 = 1;
    private Double fixedMin;
    private Double fixedMax;
    private DoubleFunction<String> format = v -> String.format(java.util.Locale.ROOT, "%.3g", v);
    private ZoneId zone = ZoneId.systemDefault();
    private long lastDrawNanos;

    public TimeSeriesChart() {
        getStyleClass().add("time-series-chart");
        getChildren().add(canvas);
        setMinSize(160, 90);
        setPrefSize(400, 200);
    }

    /**
     * Replaces what the chart shows and redraws.
     *
     * @param fromMillis left edge
     * @param toMillis   right edge
     * @param yMin       fixed lower bound, or null for the data's
     * @param yMax       fixed upper bound, or null for the data's
     * @param format     tick and threshold label text
     */
    public void show(List<Series> series, List<Threshold> thresholds, long fromMillis, long toMillis, Double yMin,
                     Double yMax, DoubleFunction<String> format) {
        this.series = List.copyOf(series);
        this.thresholds = List.copyOf(thresholds);
        this.x0 = fromMillis;
        this.x1 = Math.max(fromMillis + 1, toMillis);
        this.fixedMin = yMin;
        this.fixedMax = yMax;
        this.format = format;
        draw();
    }

    public List<Series> series() {
        return series;
    }

    /** How long the last draw took, in nanoseconds. */
    public long lastDrawNanos() {
        return lastDrawNanos;
    }

    /** Times on the x axis in this zone (tests fix it). */
    public void zone(ZoneId zone) {
        this.zone = zone;
        draw();
    }

    /** The width in pixels of the plot area: as many points as it can show. */
    public int plotWidth() {
        return (int) Math.max(1, Math.floor(getWidth() - LEFT - RIGHT));
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private void draw() {
        long start = System.nanoTime();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        double plotW = w - LEFT - RIGHT;
        double plotH = h - TOP - BOTTOM;
        if (plotW < 10 || plotH < 10) {
            return;
        }
        int columns = (int) Math.floor(plotW);
        List<Downsample.Columns> reduced = series.stream()
                .map(s -> Downsample.m4(s.xs(), s.ys(), x0, x1, columns)).toList();
        double[] range = yRange(reduced);
        double lo = range[0];
        double hi = range[1];
        g.setFont(FONT);
        drawGrid(g, lo, hi, plotW, plotH);
        // labels from the top down, each at least a line below the one above: close thresholds (a ticket at 3x
        // and one at 1x) would otherwise print their labels over each other
        double labelBottom = Double.NEGATIVE_INFINITY;
        for (Threshold t : thresholds.stream()
                .sorted(java.util.Comparator.comparingDouble(t -> yOf(t.value(), lo, hi, plotH))).toList()) {
            double y = yOf(t.value(), lo, hi, plotH);
            g.setStroke(t.color());
            g.setLineWidth(1);
            g.setLineDashes(6, 4);
            g.strokeLine(LEFT, y, LEFT + plotW, y);
            g.setLineDashes();
            g.setFill(t.color());
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.BOTTOM);
            labelBottom = Math.max(y - 1, labelBottom + LABEL_HEIGHT);
            g.fillText(t.label(), LEFT + plotW - 2, labelBottom);
        }
        for (int i = 0; i < series.size(); i++) {
            drawLine(g, series.get(i).color(), reduced.get(i), lo, hi, plotW, plotH);
        }
        drawLegend(g);
        lastDrawNanos = System.nanoTime() - start;
    }

    private double[] yRange(List<Downsample.Columns> reduced) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Downsample.Columns c : reduced) {
            for (int i = 0; i < c.width(); i++) {
                if (!c.empty(i)) {
                    lo = Math.min(lo, c.min()[i]);
                    hi = Math.max(hi, c.max()[i]);
                }
            }
        }
        for (Threshold t : thresholds) {
            lo = Math.min(lo, t.value());
            hi = Math.max(hi, t.value());
        }
        if (fixedMin != null) {
            lo = fixedMin;
        }
        if (fixedMax != null) {
            hi = fixedMax;
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return new double[] {0, 1};
        }
        if (hi - lo < 1e-12) {
            double pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
            return new double[] {lo - (fixedMin == null ? pad : 0), hi + pad};
        }
        if (fixedMax == null) {
            hi += (hi - lo) * 0.08; // room for the top line and its labels
        }
        return new double[] {lo, hi};
    }

    private double yOf(double v, double lo, double hi, double plotH) {
        return TOP + plotH - (v - lo) / (hi - lo) * plotH;
    }

    private void drawGrid(GraphicsContext g, double lo, double hi, double plotW, double plotH) {
        g.setStroke(GRID);
        g.setLineWidth(1);
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i <= 4; i++) {
            double v = lo + (hi - lo) * i / 4;
            double y = Math.round(yOf(v, lo, hi, plotH)) + 0.5;
            g.strokeLine(LEFT, y, LEFT + plotW, y);
            g.fillText(format.apply(v), LEFT - 6, y);
        }
        DateTimeFormatter f = DateTimeFormatter.ofPattern(x1 - x0 > 2 * 86_400_000L ? "MMM d" : x1 - x0 > 86_400_000L
                ? "EEE HH:mm" : "HH:mm").withZone(zone).withLocale(java.util.Locale.ROOT);
        g.setTextBaseline(VPos.TOP);
        int ticks = Math.max(2, Math.min(6, (int) (plotW / 110)));
        for (int i = 0; i <= ticks; i++) {
            double x = LEFT + plotW * i / ticks;
            g.setTextAlign(i == 0 ? TextAlignment.LEFT : i == ticks ? TextAlignment.RIGHT : TextAlignment.CENTER);
            g.fillText(f.format(Instant.ofEpochMilli((long) (x0 + (x1 - x0) * i / ticks))), x, TOP + plotH + 5);
        }
    }

    private void drawLine(GraphicsContext g, Color color, Downsample.Columns c, double lo, double hi, double plotW,
                          double plotH) {
        g.setStroke(color);
        g.setLineWidth(1.5);
        boolean open = false;
        for (int i = 0; i < c.width(); i++) {
            if (c.empty(i)) {
                if (open) {
                    g.stroke();
                    open = false;
                }
                continue;
            }
            double x = LEFT + i + 0.5;
            if (!open) {
                g.beginPath();
                g.moveTo(x, yOf(c.first()[i], lo, hi, plotH));
                open = true;
            } else {
                g.lineTo(x, yOf(c.first()[i], lo, hi, plotH));
            }
            if (c.min()[i] != c.max()[i]) {
                g.lineTo(x, yOf(c.min()[i], lo, hi, plotH));
                g.lineTo(x, yOf(c.max()[i], lo, hi, plotH));
            }
            g.lineTo(x, yOf(c.last()[i], lo, hi, plotH));
        }
        if (open) {
            g.stroke();
        }
        // a lone point would be invisible as a path: mark every column that has no neighbour
        g.setFill(color);
        for (int i = 0; i < c.width(); i++) {
            if (!c.empty(i) && (i == 0 || c.empty(i - 1)) && (i == c.width() - 1 || c.empty(i + 1))) {
                g.fillOval(LEFT + i - 1.5, yOf(c.last()[i], lo, hi, plotH) - 2, 4, 4);
            }
        }
    }

    private void drawLegend(GraphicsContext g) {
        double x = LEFT;
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (Series s : series) {
            g.setFill(s.color());
            g.fillRect(x, 8, 10, 3);
            g.setFill(TEXT);
            g.fillText(s.name(), x + 14, 10);
            x += 24 + s.name().length() * 6.2;
        }
    }
}

package io.ossaat.console.page;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ossaat.console.client.Step;
import io.ossaat.console.model.Format;
import io.ossaat.console.model.PlanTimeline;
import io.ossaat.console.model.PlanTimelineModel;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A plan's steps on a time axis: one bar per attempt, coloured by phase (waiting for a human, queued, retry backoff,
 * running), with the decisions marked; a click on a bar shows that attempt's phases, its step's summary and output.
 */
public final class PlanTimelineView extends VBox {
    static final Map<PlanTimeline.Phase, Color> COLORS = Map.of(
            PlanTimeline.Phase.WAITING, Color.web("#d29922"),
            PlanTimeline.Phase.QUEUED, Color.web("#8b949e"),
            PlanTimeline.Phase.BACKOFF, Color.web("#bc8cff"),
            PlanTimeline.Phase.RUNNING, Color.web("#58a6ff"));
    private static final Color FAILED = Color.web("#f85149");
    private static final Color DONE = Color.web("#3fb950");
    /** A grey that reads on Primer Light and Dark alike (about 4:1 on white and on the dark background). */
    private static final Color TEXT = Color.web("#768390");
    private static final double LABEL_W = 150;
    private static final double ROW_H = 22;
    private static final double AXIS_H = 20;
    private static final Font FONT = Font.font(11);

    private final PlanTimelineModel model;
    private final Bars bars = new Bars();
    private final Label detail = Ui.styled("", "timeline-detail");
    private final VBox decisions = new VBox(2);
    private final Timeline ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> tick()));
    private ZoneId zone = ZoneId.systemDefault();

    public PlanTimelineView(PlanTimelineModel model) {
        this.model = model;
        setId("plan-timeline");
        getStyleClass().add("plan-timeline");
        setSpacing(6);
        // wraps onto a second line in a narrow detail pane instead of cutting the phase names short
        FlowPane legend = new FlowPane(12, 4);
        for (PlanTimeline.Phase p : PlanTimeline.Phase.values()) {
            Region swatch = new Region();
            swatch.setMinSize(10, 10);
            swatch.setMaxSize(10, 10);
            swatch.setStyle("-fx-background-color: " + web(COLORS.get(p)) + ";");
            HBox item = new HBox(4, swatch, Ui.styled(phaseText(p), "slo-meta"));
            item.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            legend.getChildren().add(item);
        }
        detail.setId("plan-timeline-detail");
        detail.setWrapText(true);
        decisions.setId("plan-timeline-decisions");
        getChildren().addAll(legend, bars, decisions, detail);
        model.timelineProperty().subscribe(t -> {
            bars.draw();
            showDecisions(t);
            showDetail();
        });
        model.selectedProperty().subscribe(r -> {
            bars.draw();
            showDetail();
        });
        bars.setOnMouseClicked(e -> model.select(bars.rowAt(e.getY())));
        ticker.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().subscribe(s -> {
            if (s == null) {
                ticker.stop();
            } else {
                ticker.play();
            }
        });
    }

    /** Times on the axis in this zone (tests and snapshots fix it). */
    public void zone(ZoneId z) {
        zone = z;
        bars.draw();
    }

    private void tick() {
        if (isVisible()) {
            model.tick();
        }
    }

    private void showDecisions(PlanTimeline t) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        decisions.getChildren().setAll(t.decisions().stream().map(d -> {
            Label l = Ui.styled((d.approved() ? "✔ " : "✘ ") + f.format(d.at()) + "  " + d.stepId() + " "
                    + (d.approved() ? "approved" : "rejected") + " by " + d.who()
                    + (d.rationale() == null ? "" : ": “" + d.rationale() + "”"), "timeline-decision");
            l.setWrapText(true);
            return (javafx.scene.Node) l;
        }).toList());
    }

    private void showDetail() {
        PlanTimeline.Row r = model.selectedProperty().get();
        if (r == null) {
            detail.setText(model.timelineProperty().get().rows().isEmpty() ? "" : "Click a bar for its step's output.");
            return;
        }
        StringBuilder s = new StringBuilder(r.label()).append(':');
        for (PlanTimeline.Segment seg : r.segments()) {
            s.append(' ').append(phaseText(seg.phase())).append(' ')
                    .append(Format.duration(Duration.between(seg.from(), seg.to() == null ? Instant.now() : seg.to())));
            if (seg.result() != null) {
                s.append(" → ").append(seg.result().wire());
            }
            s.append(';');
        }
        Step step = model.selectedStep();
        if (step != null) {
            if (step.summary() != null) {
                s.append("\nSummary: ").append(step.summary());
            }
            if (step.output() != null) {
                String out = step.output();
                s.append("\nOutput: ").append(out.length() > 600 ? out.substring(0, 600) + "…" : out);
            }
        }
        detail.setText(s.toString());
    }

    static String phaseText(PlanTimeline.Phase p) {
        return switch (p) {
            case WAITING -> "waiting for a human";
            case QUEUED -> "queued";
            case BACKOFF -> "retry backoff";
            case RUNNING -> "running";
        };
    }

    private static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) (c.getRed() * 255), (int) (c.getGreen() * 255),
                (int) (c.getBlue() * 255));
    }

    /** The canvas part: labels, bars, decision marks and the time axis. */
    private final class Bars extends Region {
        private final Canvas canvas = new Canvas();

        Bars() {
            getChildren().add(canvas);
            setId("plan-timeline-bars");
            // never shorter than its rows: the plan detail fits its height, and would squeeze the bars to one row
            setMinHeight(USE_PREF_SIZE);
        }

        @Override
        protected double computePrefHeight(double width) {
            return AXIS_H + ROW_H * Math.max(1, model.timelineProperty().get().rows().size()) + 4;
        }

        @Override
        protected void layoutChildren() {
            if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
                canvas.setWidth(getWidth());
                canvas.setHeight(getHeight());
                draw();
            }
        }

        PlanTimeline.Row rowAt(double y) {
            List<PlanTimeline.Row> rows = model.timelineProperty().get().rows();
            int i = (int) Math.floor((y - AXIS_H) / ROW_H);
            return i >= 0 && i < rows.size() ? rows.get(i) : null;
        }

        void draw() {
            requestLayout();
            GraphicsContext g = canvas.getGraphicsContext2D();
            double w = canvas.getWidth();
            g.clearRect(0, 0, w, canvas.getHeight());
            PlanTimeline t = model.timelineProperty().get();
            if (t.start() == null || w < LABEL_W + 40) {
                return;
            }
            double x0 = LABEL_W;
            double plotW = w - LABEL_W - 8;
            long from = t.start().toEpochMilli();
            long to = Math.max(from + 1000, t.end().toEpochMilli());
            g.setFont(FONT);
            axis(g, from, to, x0, plotW);
            List<PlanTimeline.Row> rows = t.rows();
            PlanTimeline.Row selected = model.selectedProperty().get();
            for (int i = 0; i < rows.size(); i++) {
                PlanTimeline.Row r = rows.get(i);
                double y = AXIS_H + i * ROW_H;
                if (r.equals(selected)) {
                    g.setFill(Color.gray(0.5, 0.18));
                    g.fillRect(0, y, w, ROW_H);
                }
                g.setFill(TEXT);
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.CENTER);
                g.fillText(r.label(), 4, y + ROW_H / 2, LABEL_W - 8);
                for (PlanTimeline.Segment s : r.segments()) {
                    double a = x0 + (s.from().toEpochMilli() - from) * plotW / (to - from);
                    double b = x0 + ((s.to() == null ? t.end() : s.to()).toEpochMilli() - from) * plotW / (to - from);
                    g.setFill(COLORS.get(s.phase()));
                    g.fillRect(a, y + 5, Math.max(2, b - a), ROW_H - 10);
                    if (s.result() != null) {
                        g.setFill(s.result().wire().equals("completed") ? DONE : FAILED);
                        g.fillRect(Math.max(a, b - 3), y + 3, 3, ROW_H - 6);
                    }
                }
            }
            for (PlanTimeline.Decision d : t.decisions()) {
                int i = indexOfStep(rows, d.stepId());
                if (i >= 0) {
                    double x = x0 + (d.at().toEpochMilli() - from) * plotW / (to - from);
                    double y = AXIS_H + i * ROW_H + ROW_H / 2;
                    g.setFill(d.approved() ? DONE : FAILED);
                    g.fillPolygon(new double[] {x, x + 5, x, x - 5}, new double[] {y - 6, y, y + 6, y}, 4);
                }
            }
        }

        private int indexOfStep(List<PlanTimeline.Row> rows, String stepId) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).stepId().equals(stepId)) {
                    return i;
                }
            }
            return -1;
        }

        private void axis(GraphicsContext g, long from, long to, double x0, double plotW) {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(to - from > 86_400_000L ? "MMM d HH:mm" : "HH:mm:ss")
                    .withZone(zone).withLocale(Locale.ROOT);
            g.setFill(TEXT);
            g.setStroke(Color.gray(0.5, 0.25));
            g.setTextBaseline(VPos.TOP);
            int ticks = Math.max(1, Math.min(6, (int) (plotW / 100)));
            for (int i = 0; i <= ticks; i++) {
                double x = x0 + plotW * i / ticks;
                g.strokeLine(x, AXIS_H - 4, x, canvas.getHeight());
                g.setTextAlign(i == 0 ? TextAlignment.LEFT : i == ticks ? TextAlignment.RIGHT : TextAlignment.CENTER);
                g.fillText(f.format(Instant.ofEpochMilli(from + (to - from) * i / ticks)), x, 2);
            }
        }
    }
}

package io.ossaat.console.chart;

import javafx.scene.paint.Color;

/** A dashed horizontal line with a label: an objective, a latency threshold, a burn-rate factor. */
public record Threshold(String label, double value, Color color) {
}

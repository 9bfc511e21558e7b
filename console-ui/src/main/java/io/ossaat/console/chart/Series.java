package io.ossaat.console.chart;

import javafx.scene.paint.Color;

/**
 * One line of a {@link TimeSeriesChart}.
 *
 * @param name   legend text (also the CSV column)
 * @param color  line colour
 * @param xs     epoch millis, ascending
 * @param ys     values, NaN where the engine has none
 */
public record Series(String name, Color color, double[] xs, double[] ys) {
    public Series {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException(name + ": xs and ys differ in length");
        }
    }
}

package io.ossaat.console.chart;

/**
 * Reduces a series to what a chart's pixels can show: per pixel column the first, lowest, highest and last value
 * (M4), so spikes survive however many points fall into one column. Missing values (NaN) leave gaps.
 */
public final class Downsample {

    /**
     * Per-column aggregates; a column without values has NaN in all four.
     *
     * @param first value of the column's first point, likewise {@code min}, {@code max}, {@code last}
     */
    public record Columns(double[] first, double[] min, double[] max, double[] last) {
        public int width() {
            return first.length;
        }

        public boolean empty(int column) {
            return Double.isNaN(first[column]);
        }
    }

    private Downsample() {
    }

    /**
     * @param xs     ascending x values (e.g. epoch millis)
     * @param ys     values, NaN where missing
     * @param x0     x at the left edge of column 0
     * @param x1     x at the right edge of the last column
     * @param width  number of columns (pixels), at least 1
     */
    public static Columns m4(double[] xs, double[] ys, double x0, double x1, int width) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("xs and ys differ in length: " + xs.length + " vs " + ys.length);
        }
        int w = Math.max(1, width);
        double[] first = filled(w);
        double[] min = filled(w);
        double[] max = filled(w);
        double[] last = filled(w);
        double span = x1 - x0;
        for (int i = 0; i < xs.length; i++) {
            double y = ys[i];
            if (Double.isNaN(y) || span <= 0) {
                continue;
            }
            int c = (int) Math.floor((xs[i] - x0) / span * w);
            if (c < 0 || c > w) {
                continue;
            }
            c = Math.min(c, w - 1); // a point exactly at the right edge belongs to the last column
            if (Double.isNaN(first[c])) {
                first[c] = y;
                min[c] = y;
                max[c] = y;
            } else {
                min[c] = Math.min(min[c], y);
                max[c] = Math.max(max[c], y);
            }
            last[c] = y;
        }
        return new Columns(first, min, max, last);
    }

    private static double[] filled(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }
}

package io.ossaat.console.model;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.ossaat.console.client.SloDetail;

/**
 * The series the SLO detail page charts, one column per line, derived from the engine's points: what the charts
 * draw is what the CSV holds. Missing values are NaN (empty in the CSV).
 */
public final class SloTable {
    private final SloDetail detail;
    private final SloRange range;
    private final double[] times;
    private final List<String> windows;

    public SloTable(SloDetail detail, SloRange range) {
        this.detail = detail;
        this.range = range;
        this.times = detail.points().stream().mapToDouble(p -> p.time().toEpochMilli()).toArray();
        Set<String> seen = new LinkedHashSet<>(detail.status().burnRates().keySet());
        detail.points().forEach(p -> seen.addAll(p.burnRates().keySet()));
        this.windows = List.copyOf(seen);
    }

    public SloDetail detail() {
        return detail;
    }

    /** The range it was loaded for. */
    public SloRange range() {
        return range;
    }

    public double[] times() {
        return times;
    }

    /** Windows with a burn-rate column, shortest first as the engine lists them. */
    public List<String> windows() {
        return windows;
    }

    public double[] sliPercent() {
        return column(p -> p.total() == 0 ? Double.NaN : p.sli() * 100);
    }

    public double[] budgetPercent() {
        return column(p -> p.budgetRemaining() * 100);
    }

    public double[] burnRate(String window) {
        return column(p -> p.burnRates().getOrDefault(window, Double.NaN));
    }

    public double[] requestsPerSecond() {
        double s = Math.max(1, detail.step().toSeconds());
        return column(p -> p.total() / s);
    }

    public double[] errorsPerSecond() {
        double s = Math.max(1, detail.step().toSeconds());
        return column(p -> p.bad() / s);
    }

    public double[] p50() {
        return column(p -> nan(p.p50Ms()));
    }

    public double[] p95() {
        return column(p -> nan(p.p95Ms()));
    }

    public double[] p99() {
        return column(p -> nan(p.p99Ms()));
    }

    public boolean hasLatency() {
        return detail.status().thresholdMs() != null;
    }

    /** Writes the table as CSV: a header, then one row per point, times in RFC 3339 UTC. */
    public void writeCsv(Writer out) throws IOException {
        List<String> header = new ArrayList<>(List.of("time", "total", "good", "sli_percent", "budget_remaining_percent",
                "requests_per_second", "errors_per_second"));
        windows.forEach(w -> header.add("burn_rate_" + w));
        if (hasLatency()) {
            header.addAll(List.of("p50_ms", "p95_ms", "p99_ms"));
        }
        out.write(String.join(",", header));
        out.write("\n");
        double[] sli = sliPercent();
        double[] budget = budgetPercent();
        double[] rps = requestsPerSecond();
        double[] eps = errorsPerSecond();
        List<double[]> burns = windows.stream().map(this::burnRate).toList();
        double[] p50 = p50();
        double[] p95 = p95();
        double[] p99 = p99();
        for (int i = 0; i < times.length; i++) {
            SloDetail.Point p = detail.points().get(i);
            StringBuilder row = new StringBuilder(p.time().toString()).append(',').append(p.total()).append(',')
                    .append(p.good());
            for (double v : new double[] {sli[i], budget[i], rps[i], eps[i]}) {
                row.append(',').append(number(v));
            }
            for (double[] b : burns) {
                row.append(',').append(number(b[i]));
            }
            if (hasLatency()) {
                row.append(',').append(number(p50[i])).append(',').append(number(p95[i])).append(',')
                        .append(number(p99[i]));
            }
            out.write(row.append('\n').toString());
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    private double[] column(java.util.function.ToDoubleFunction<SloDetail.Point> f) {
        return detail.points().stream().mapToDouble(f).toArray();
    }
}

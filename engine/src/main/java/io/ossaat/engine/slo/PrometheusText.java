package io.ossaat.engine.slo;

import java.util.List;
import java.util.Map;

/** The {@code ossaat_slo_*} gauges in the Prometheus text exposition format. */
final class PrometheusText {
    private PrometheusText() {
    }

    static void append(StringBuilder out, List<SloStatus> statuses) {
        family(out, "ossaat_slo_sli", "Fraction of good events over the SLO window (1 with no events).");
        for (SloStatus s : statuses) {
            sample(out, "ossaat_slo_sli", s.name(), null, null, s.sli());
        }
        family(out, "ossaat_slo_objective", "Target fraction of good events.");
        for (SloStatus s : statuses) {
            sample(out, "ossaat_slo_objective", s.name(), null, null, s.objective());
        }
        family(out, "ossaat_slo_error_budget_remaining",
               "Fraction of the error budget left over the SLO window (negative when overspent).");
        for (SloStatus s : statuses) {
            sample(out, "ossaat_slo_error_budget_remaining", s.name(), null, null, s.budgetRemaining());
        }
        family(out, "ossaat_slo_burn_rate", "Error rate over the window divided by the error budget.");
        for (SloStatus s : statuses) {
            for (Map.Entry<String, Double> e : s.burnRates().entrySet()) {
                sample(out, "ossaat_slo_burn_rate", s.name(), "window", e.getKey(), e.getValue());
            }
        }
        family(out, "ossaat_slo_alert",
               "1 when the SLO's alert state (the highest burn-rate rule firing) is that severity.");
        for (SloStatus s : statuses) {
            sample(out, "ossaat_slo_alert", s.name(), "severity", "page", s.alert() == AlertState.PAGE ? 1 : 0);
            sample(out, "ossaat_slo_alert", s.name(), "severity", "ticket", s.alert() == AlertState.TICKET ? 1 : 0);
        }
    }

    private static void family(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void sample(StringBuilder out, String name, String slo, String label, String value,
                               double number) {
        out.append(name).append("{slo=\"");
        escape(out, slo);
        out.append('"');
        if (label != null) {
            out.append(',').append(label).append("=\"");
            escape(out, value);
            out.append('"');
        }
        out.append("} ").append(format(number)).append('\n');
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(v);
    }

    private static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }
}

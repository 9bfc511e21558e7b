package io.ossaat.loadtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the good and total requests of the SLO file's HTTP objectives from the engine's request histogram
 * ({@code http_server_requests_seconds} by method, route template ({@code uri}) and status, on {@code /metrics}).
 *
 * <p>A latency threshold is judged at the largest histogram bucket bound not above it: exact when the threshold is
 * a bound (0.005 and 0.05 are), conservative otherwise (fewer requests count as good), and the note says so.
 */
public final class MetricsText {
    static final String HISTOGRAM = "http_server_requests_seconds";

    private record Series(String method, String route, int status) {
    }

    private MetricsText() {
    }

    public static Map<String, Counts> count(String exposition, List<Objective> objectives) {
        Map<Series, TreeMap<Double, Long>> buckets = new HashMap<>();
        Map<Series, Long> totals = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(HISTOGRAM + "_bucket{") && !line.startsWith(HISTOGRAM + "_count{")) {
                continue;
            }
            int close = line.lastIndexOf('}');
            Map<String, String> labels = labels(line.substring(line.indexOf('{') + 1, close));
            long value = (long) Double.parseDouble(line.substring(close + 1).trim());
            Series s = new Series(labels.get("method"), labels.get("uri"), Integer.parseInt(labels.get("status")));
            if (line.startsWith(HISTOGRAM + "_count{")) {
                totals.put(s, value);
            } else if (!"+Inf".equals(labels.get("le"))) {
                buckets.computeIfAbsent(s, k -> new TreeMap<>()).put(Double.parseDouble(labels.get("le")), value);
            }
        }
        Map<String, Counts> out = new LinkedHashMap<>();
        for (Objective o : objectives) {
            if (!o.isHttp()) {
                continue;
            }
            long good = 0;
            long total = 0;
            Double judgedAt = null;
            for (Map.Entry<Series, Long> e : totals.entrySet()) {
                Series s = e.getKey();
                if (!o.total().matches(s.method(), s.route(), s.status())) {
                    continue;
                }
                long n = e.getValue();
                total += n;
                switch (o.kind()) {
                    case RATIO -> {
                        boolean isGood = o.good() != null
                                ? o.good().matches(s.method(), s.route(), s.status())
                                : !o.bad().matches(s.method(), s.route(), s.status());
                        good += isGood ? n : 0;
                    }
                    case LATENCY -> {
                        var floor = buckets.getOrDefault(s, new TreeMap<>())
                                .floorEntry(o.thresholdSeconds() * (1 + 1e-9));
                        if (floor != null) {
                            good += floor.getValue();
                            judgedAt = floor.getKey();
                        }
                    }
                }
            }
            String note = judgedAt != null && Math.abs(judgedAt - o.thresholdSeconds()) > 1e-12
                    ? "threshold " + Numbers.trim(o.thresholdSeconds() * 1000) + " ms judged at the "
                      + Numbers.trim(judgedAt * 1000) + " ms bucket" : "";
            out.put(o.name(), new Counts(good, total, note));
        }
        return out;
    }

    /** Parses {@code a="x",b="y\"z"} (Prometheus label syntax with escapes). */
    static Map<String, String> labels(String text) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            String key = text.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < text.length() && text.charAt(j) != '"'; j++) {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    char n = text.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else {
                    value.append(c);
                }
            }
            out.put(key, value.toString());
            i = j + 1;
            if (i < text.length() && text.charAt(i) == ',') {
                i++;
            }
        }
        return out;
    }

    /** The names of the objectives this source can count. */
    static List<String> countable(List<Objective> objectives) {
        List<String> names = new ArrayList<>();
        for (Objective o : objectives) {
            if (o.isHttp()) {
                names.add(o.name());
            }
        }
        return names;
    }
}

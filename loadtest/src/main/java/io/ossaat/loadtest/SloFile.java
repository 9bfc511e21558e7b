package io.ossaat.loadtest;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the engine's SLO file (OpenSLO v1 documents of {@code kind: SLO}, metric sources of type {@code ossaat})
 * into {@link Objective}s. It reads the same file the engine's SLO monitor reads, so the load tests judge by the
 * objectives the engine watches, not by numbers copied by hand.
 */
public final class SloFile {
    /** The file the engine ships, relative to the repository root. */
    public static final String SHIPPED = "engine/src/main/resources/slo/slo.yaml";

    private SloFile() {
    }

    public static List<Objective> load(Path file) {
        try (Reader in = Files.newBufferedReader(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new SloFileException("cannot read the SLO file " + file + ": " + e.getMessage(), e);
        }
    }

    static List<Objective> parse(Reader in, String where) {
        List<Objective> objectives = new ArrayList<>();
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        int index = 0;
        for (Object doc : yaml.loadAll(in)) {
            index++;
            if (doc == null) {
                continue;
            }
            String at = where + " (document " + index + ")";
            Map<?, ?> root = map(doc, at);
            if (!"SLO".equals(root.get("kind"))) {
                continue;
            }
            String name = string(map(root.get("metadata"), at + " metadata").get("name"), at + " metadata.name");
            at = where + " (" + name + ")";
            Map<?, ?> spec = map(root.get("spec"), at + " spec");
            Map<?, ?> indicator = map(map(spec.get("indicator"), at + " spec.indicator").get("spec"),
                                      at + " spec.indicator.spec");
            List<?> list = list(spec.get("objectives"), at + " spec.objectives");
            for (int i = 0; i < list.size(); i++) {
                String objectiveName = list.size() == 1 ? name : name + "#" + (i + 1);
                objectives.add(objective(objectiveName, indicator, map(list.get(i), at + " objective " + (i + 1)), at));
            }
        }
        if (objectives.isEmpty()) {
            throw new SloFileException(where + " holds no SLO");
        }
        return List.copyOf(objectives);
    }

    private static Objective objective(String name, Map<?, ?> indicator, Map<?, ?> objective, String at) {
        double target = number(objective.get("target"), at + " target");
        if (indicator.get("thresholdMetric") != null) {
            Source source = source(map(indicator.get("thresholdMetric"), at + " thresholdMetric"), at);
            Object op = objective.get("op");
            if (op != null && !"lte".equals(op) && !"lt".equals(op)) {
                throw new SloFileException(at + ": a latency objective's op must be lte, got " + op);
            }
            return new Objective(name, Objective.Kind.LATENCY, source, null, null,
                                 number(objective.get("value"), at + " value"), target);
        }
        Map<?, ?> ratio = map(indicator.get("ratioMetric"), at + " ratioMetric or thresholdMetric");
        Source total = source(map(ratio.get("total"), at + " ratioMetric.total"), at);
        Source good = ratio.get("good") == null ? null : source(map(ratio.get("good"), at), at);
        Source bad = ratio.get("bad") == null ? null : source(map(ratio.get("bad"), at), at);
        return new Objective(name, Objective.Kind.RATIO, total, good, bad, null, target);
    }

    private static Source source(Map<?, ?> holder, String at) {
        Map<?, ?> metricSource = map(holder.get("metricSource"), at + " metricSource");
        if (!"ossaat".equals(metricSource.get("type"))) {
            throw new SloFileException(at + ": only metric sources of type 'ossaat' are understood, got "
                                       + metricSource.get("type"));
        }
        Map<?, ?> spec = map(metricSource.get("spec"), at + " metricSource.spec");
        return new Source(string(spec.get("event"), at + " event"), strings(spec.get("method")),
                          strings(spec.get("routes")),
                          new StatusFilter(List.copyOf(strings(spec.get("status"))),
                                           List.copyOf(strings(spec.get("excludeStatus")))));
    }

    private static Set<String> strings(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof List<?> l) {
            l.forEach(v -> out.add(String.valueOf(v)));
        } else if (value != null) {
            out.add(String.valueOf(value));
        }
        return out;
    }

    private static Map<?, ?> map(Object value, String at) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new SloFileException(at + ": expected a mapping");
    }

    private static List<?> list(Object value, String at) {
        if (value instanceof List<?> l && !l.isEmpty()) {
            return l;
        }
        throw new SloFileException(at + ": expected a non-empty list");
    }

    private static String string(Object value, String at) {
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new SloFileException(at + ": expected a string");
    }

    private static double number(Object value, String at) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new SloFileException(at + ": expected a number");
    }
}

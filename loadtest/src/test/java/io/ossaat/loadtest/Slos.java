package io.ossaat.loadtest;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

/** The suite's one setup helper: the engine's real SLO file, and small SLO files written inline. */
final class Slos {
    private Slos() {
    }

    /** The shipped SLO file (surefire passes its path as {@code ossaat.slo}). */
    static Path shippedFile() {
        return Path.of(System.getProperty("ossaat.slo", "../" + SloFile.SHIPPED));
    }

    static List<Objective> shipped() {
        return SloFile.load(shippedFile());
    }

    static List<Objective> parse(String yaml) {
        return SloFile.parse(new StringReader(yaml), "test.yaml");
    }

    static Objective named(List<Objective> objectives, String name) {
        return objectives.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    /** One latency SLO document on the given routes. */
    static String latency(String name, String method, String routes, double seconds, double target) {
        return """
                apiVersion: openslo/v1
                kind: SLO
                metadata: {name: %s}
                spec:
                  service: ossaat-engine
                  budgetingMethod: Occurrences
                  indicator:
                    metadata: {name: x}
                    spec:
                      thresholdMetric:
                        metricSource:
                          type: ossaat
                          spec: {event: http_request, method: %s, routes: %s}
                  timeWindow: [{duration: 30d, isRolling: true}]
                  objectives: [{op: lte, value: %s, target: %s}]
                """.formatted(name, method, routes, seconds, target);
    }
}

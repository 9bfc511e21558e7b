package io.ossaat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MetricsTextTest {
    private static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10};

    /** One series as the engine renders it: cumulative buckets, +Inf, count, sum. */
    static String series(String method, String route, int status, long... perBucket) {
        String name = MetricsText.HISTOGRAM;
        String labels = "method=\"" + method + "\",uri=\"" + route + "\",status=\"" + status + "\"";
        StringBuilder out = new StringBuilder();
        long cumulative = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            cumulative += i < perBucket.length ? perBucket[i] : 0;
            out.append(name).append("_bucket{").append(labels).append(",le=\"").append(BOUNDS[i]).append("\"} ")
                    .append(cumulative).append('\n');
        }
        out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(cumulative).append('\n');
        out.append(name).append("_count{").append(labels).append("} ").append(cumulative).append('\n');
        out.append(name).append("_sum{").append(labels).append("} 1.5\n");
        return out.toString();
    }

    @Test
    void countsCreatesWithinTheThresholdAndFiveHundredsAsBad() {
        // POST /v1/plans 201: 10 within 1 ms, 80 within 50 ms, 10 slower; POST /plan 201: 5 fast; one 503
        String text = "# HELP x\n# TYPE " + MetricsText.HISTOGRAM + " histogram\n"
                      + series("POST", "/v1/plans", 201, 10, 0, 0, 20, 30, 30, 10)
                      + series("POST", "/plan", 201, 5)
                      + series("POST", "/v1/plans", 503, 0, 0, 0, 0, 0, 0, 0, 0, 1)
                      + series("GET", "/v1/plans/{id}", 200, 100)
                      + "ossaat_jvm_heap_used_bytes 1.0E8\n";

        Map<String, Counts> counts = MetricsText.count(text, Slos.shipped());

        assertThat(counts.get("plan-create-latency")).extracting(Counts::good, Counts::total)
                .containsExactly(10L + 20 + 30 + 30 + 5, 100L + 5 + 1);
        assertThat(counts.get("api-availability")).extracting(Counts::good, Counts::total)
                .containsExactly(100L + 5 + 100, 100L + 5 + 1 + 100);
        assertThat(counts.get("health-latency").total()).isZero();
        assertThat(counts).doesNotContainKey("step-dispatch");
    }

    @Test
    void aThresholdBetweenBucketsIsJudgedAtTheBucketBelowAndSaysSo() {
        List<Objective> slo = Slos.parse(Slos.latency("between", "GET", "[/healthz]", 0.004, 0.99));
        String text = series("GET", "/healthz", 200, 10, 20, 30, 40);

        Counts c = MetricsText.count(text, slo).get("between");

        assertThat(c.good()).isEqualTo(30); // le=0.0025: conservative
        assertThat(c.total()).isEqualTo(100);
        assertThat(c.note()).contains("4 ms").contains("2.5 ms");
    }

    @Test
    void parsesEscapedLabelValues() {
        assertThat(MetricsText.labels("route=\"/a\\\"b\",method=\"GET\",le=\"+Inf\""))
                .containsEntry("route", "/a\"b").containsEntry("method", "GET").containsEntry("le", "+Inf");
    }
}

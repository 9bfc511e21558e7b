package io.ossaat.engine.web;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The request histogram by method, route template ({@code uri}) and status, in Prometheus text format
 * ({@code http_server_requests_seconds}, the name the SLO rules expect), the step dispatch histogram
 * ({@code ossaat_step_dispatch_seconds}), plus a few process gauges. Recording is a map lookup and two
 * adders: cheap enough for every request.
 */
public final class HttpMetrics implements RequestObserver {
    /** Holds every SLO latency threshold (5 ms, 50 ms, 1 s) as a bucket edge, so rules can count good events. */
    static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10};

    private record Key(String method, String route, int status) {
    }

    private static final class Series {
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        final LongAdder count = new LongAdder();
        final LongAdder sumNanos = new LongAdder();

        Series() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    private final Map<Key, Series> series = new ConcurrentHashMap<>();
    private final Series dispatch = new Series();

    /** Records how long a step waited from runnable to running. */
    public void observeDispatch(long nanos) {
        record(dispatch, nanos);
    }

    @Override
    public void observe(String method, String route, int status, long nanos) {
        record(series.computeIfAbsent(new Key(method, route, status), k -> new Series()), nanos);
    }

    private static void record(Series s, long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                s.buckets[i].increment();
                break;
            }
        }
        s.count.increment();
        s.sumNanos.add(nanos);
    }

    /** Appends the exposition text. */
    public void render(StringBuilder out) {
        String name = "http_server_requests_seconds";
        out.append("# HELP ").append(name).append(" HTTP requests by method, route template (uri) and status.\n");
        out.append("# TYPE ").append(name).append(" histogram\n");
        series.forEach((k, s) -> histogram(out, name, "method=\"" + k.method() + "\",uri=\"" + escape(k.route())
                + "\",status=\"" + k.status() + "\"", s));
        String steps = "ossaat_step_dispatch_seconds";
        out.append("# HELP ").append(steps).append(" Time steps waited from runnable to running.\n");
        out.append("# TYPE ").append(steps).append(" histogram\n");
        histogram(out, steps, "", dispatch);
        processGauges(out);
    }

    private static void histogram(StringBuilder out, String name, String labels, Series s) {
        String sep = labels.isEmpty() ? "" : ",";
        long cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulative += s.buckets[i].sum();
            out.append(name).append("_bucket{").append(labels).append(sep).append("le=\"").append(BUCKETS[i])
                    .append("\"} ").append(cumulative).append('\n');
        }
        long count = s.count.sum();
        out.append(name).append("_bucket{").append(labels).append(sep).append("le=\"+Inf\"} ").append(count).append('\n');
        out.append(name).append("_count{").append(labels).append("} ").append(count).append('\n');
        out.append(name).append("_sum{").append(labels).append("} ").append(s.sumNanos.sum() / 1e9).append('\n');
    }

    private static void processGauges(StringBuilder out) {
        Runtime rt = Runtime.getRuntime();
        gauge(out, "ossaat_jvm_heap_used_bytes", "JVM heap in use.", rt.totalMemory() - rt.freeMemory());
        gauge(out, "ossaat_jvm_threads_live", "Live platform threads.", ManagementFactory.getThreadMXBean().getThreadCount());
        gauge(out, "ossaat_process_uptime_seconds", "Seconds since the engine's JVM started.",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
    }

    static void gauge(StringBuilder out, String name, String help, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}

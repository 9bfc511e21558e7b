package io.ossaat.engine.slo.bench;

import java.util.concurrent.TimeUnit;

import io.ossaat.engine.slo.SloConfig;
import io.ossaat.engine.slo.SloMonitor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Cost of recording one event into an {@link SloMonitor} with the shipped SLOs and the system clock. See README.md
 * beside this file for the command and the figures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class RecordBenchmark {
    private SloMonitor monitor;
    private long nanos;

    @Setup
    public void setUp() {
        monitor = SloMonitor.builder().definitions(SloConfig.loadDefault()).build();
        nanos = 1_234_567;
    }

    /** Counted by api-availability and health-latency (with its latency histogram). */
    @Benchmark
    public void healthz() {
        monitor.recordRequest("GET", "/healthz", 200, nanos);
    }

    /** Counted by api-availability and plan-create-latency (matched on the second route). */
    @Benchmark
    public void planCreate() {
        monitor.recordRequest("POST", "/plan", 201, nanos);
    }

    /** Counted by api-availability only. */
    @Benchmark
    public void otherRoute() {
        monitor.recordRequest("GET", "/v1/plans/{id}", 404, nanos);
    }

    @Benchmark
    public void stepDispatch() {
        monitor.recordStepDispatch(nanos);
    }

    /** Two threads recording into the same buckets and histogram at once. */
    @Benchmark
    @Threads(2)
    public void healthzTwoThreads() {
        monitor.recordRequest("GET", "/healthz", 200, nanos);
    }

    /** Two threads, counters only (no latency histogram). */
    @Benchmark
    @Threads(2)
    public void otherRouteTwoThreads() {
        monitor.recordRequest("GET", "/v1/plans/{id}", 404, nanos);
    }
}

package io.ossaat.engine.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** What each shipped SLO counts, latency percentiles, and counting under concurrency. */
class RecordingTest {
    private static final long MS = 1_000_000;

    private static Map<String, SloStatus> byName(SloMonitor monitor) {
        return monitor.statuses().stream().collect(Collectors.toMap(SloStatus::name, Function.identity()));
    }

    @Test
    void eachSloCountsOnlyTheEventsItSelects() {
        Traffic t = new Traffic(SloConfig.loadDefault(), 100);
        SloMonitor m = t.monitor;
        m.recordRequest("GET", "/healthz", 200, 1 * MS);            // health good
        m.recordRequest("GET", "/healthz", 200, 6 * MS);            // health bad
        m.recordRequest("POST", "/v1/plans", 201, 50 * MS);         // plan good (at the threshold)
        m.recordRequest("POST", "/plan", 201, 50 * MS + 1);         // plan bad
        m.recordRequest("GET", "/v1/plans", 200, 900 * MS);         // no latency SLO
        m.recordRequest("POST", "/v1/plans", 503, 10 * MS);         // availability bad, plan good
        m.recordRequest("GET", "/v1/plans/{id}", 404, 1 * MS);      // availability good
        m.recordStepDispatch(999 * MS);                               // step good
        m.recordStepDispatch(1_500 * MS);                             // step bad

        Map<String, SloStatus> s = byName(m);

        assertThat(s.get("api-availability").totalEvents()).isEqualTo(7);
        assertThat(s.get("api-availability").goodEvents()).isEqualTo(6);
        assertThat(s.get("plan-create-latency").totalEvents()).isEqualTo(3);
        assertThat(s.get("plan-create-latency").goodEvents()).isEqualTo(2);
        assertThat(s.get("health-latency").totalEvents()).isEqualTo(2);
        assertThat(s.get("health-latency").goodEvents()).isEqualTo(1);
        assertThat(s.get("step-dispatch").totalEvents()).isEqualTo(2);
        assertThat(s.get("step-dispatch").goodEvents()).isEqualTo(1);
        assertThat(s.get("plan-create-latency").thresholdMillis()).isEqualTo(50.0);
        assertThat(s.get("api-availability").thresholdMillis()).isNull();
    }

    @Test
    void withoutAStoreFlushKeepsEverythingInMemory() {
        Traffic t = Traffic.availability();
        t.monitor.start();
        t.monitor.recordRequest("GET", "/healthz", 500, MS);

        assertThat(t.monitor.flush()).isTrue();
        assertThat(t.monitor.flush()).isTrue();

        assertThat(t.monitor.status("api-availability").orElseThrow().totalEvents()).isEqualTo(1);
        assertThat(t.monitor.status("nope")).isEmpty();
    }

    @Test
    void builderRefusesNoSlosAndDuplicateNames() {
        SloDefinition slo = SloConfig.loadDefault().getFirst();
        assertThatThrownBy(() -> SloMonitor.builder().definitions(List.of()).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SloMonitor.builder().definitions(List.of(slo, slo)).build())
                .hasMessageContaining("api-availability");
        assertThatThrownBy(() -> SloMonitor.builder().minimumEvents(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void detailChartsPercentilesAndCountsPerStep() {
        Traffic t = new Traffic(SloConfig.loadDefault(), 100);
        t.clock.set(Traffic.T0.plusSeconds(30));
        for (int i = 1; i <= 100; i++) {
            t.monitor.recordRequest("POST", "/v1/plans", 201, i * MS); // 1..100 ms
        }
        t.clock.advance(Duration.ofSeconds(15));

        SloDetail detail = t.monitor.detail("plan-create-latency", Duration.ofHours(1)).orElseThrow();

        assertThat(detail.stepSeconds()).isEqualTo(60);
        assertThat(detail.points()).hasSize(60);
        assertThat(detail.points().stream().mapToLong(SloPoint::total).sum()).isEqualTo(100);
        SloPoint last = detail.points().getLast();
        assertThat(last.time()).isEqualTo("2026-03-01T00:00:45Z");
        assertThat(last.total()).isEqualTo(100);
        assertThat(last.good()).isEqualTo(50);
        assertThat(last.sli()).isEqualTo(0.5);
        assertThat(last.burnRate()).isCloseTo(10, within(1e-9)); // 50 % bad / 5 % budget
        assertThat(last.p50Millis()).isCloseTo(50, within(1.0));
        assertThat(last.p95Millis()).isCloseTo(95, within(1.0));
        assertThat(last.p99Millis()).isCloseTo(99, within(1.0));
        assertThat(detail.points().getFirst().p99Millis()).isNull();
        assertThat(detail.status().totalEvents()).isEqualTo(100);

        SloDetail ratio = t.monitor.detail("api-availability", Duration.ofMinutes(10)).orElseThrow();
        assertThat(ratio.stepSeconds()).isEqualTo(10);
        assertThat(ratio.points().getLast().p50Millis()).isNull();
        assertThat(ratio.points().stream().mapToLong(SloPoint::total).sum()).isEqualTo(100);

        SloDetail month = t.monitor.detail("api-availability", Duration.ofDays(30)).orElseThrow();
        assertThat(month.stepSeconds()).isEqualTo(12 * 3600);
        assertThat(month.points()).hasSize(60);

        assertThat(t.monitor.detail("no-such-slo", Duration.ofHours(1))).isEmpty();
    }

    @Test
    void percentilesLaterInTheDayLandInTheirOwnMinute() {
        Traffic t = new Traffic(SloConfig.loadDefault(), 100);
        t.monitor.recordRequest("GET", "/healthz", 200, 2 * MS);
        t.monitor.flush();
        t.clock.advance(Duration.ofMinutes(3));
        t.monitor.recordRequest("GET", "/healthz", 200, 40 * MS);

        List<SloPoint> points = t.monitor.detail("health-latency", Duration.ofMinutes(5)).orElseThrow().points();

        List<Double> p99 = new ArrayList<>();
        points.stream().filter(p -> p.p99Millis() != null).forEach(p -> p99.add(p.p99Millis()));
        assertThat(p99).hasSize(2);
        assertThat(p99.getFirst()).isCloseTo(2, within(0.05));
        assertThat(p99.getLast()).isCloseTo(40, within(0.5));
        // the budget line does not count the later slow request at the earlier point
        SloPoint first = points.stream().filter(p -> p.total() > 0).findFirst().orElseThrow();
        assertThat(first.budgetRemaining()).isEqualTo(1.0);
        assertThat(points.getLast().budgetRemaining()).isCloseTo(1 - 0.5 / 0.01, within(1e-9));
    }

    @Test
    void percentilesMergeWhatEveryThreadRecorded() throws Exception {
        Traffic t = new Traffic(SloConfig.loadDefault(), 100);
        List<Thread> threads = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            long latency = (n + 1) * 10 * MS; // 10, 20, 30, 40 ms
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 25; i++) {
                    t.monitor.recordRequest("POST", "/v1/plans", 201, latency);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        SloPoint last = t.monitor.detail("plan-create-latency", Duration.ofMinutes(5)).orElseThrow().points().getLast();

        assertThat(last.total()).isEqualTo(100);
        assertThat(last.p50Millis()).isCloseTo(20, within(0.5));
        assertThat(last.p99Millis()).isCloseTo(40, within(0.5));
    }

    @Test
    void concurrentRecordersLoseNoEventWhileTheClockMovesOn() throws Exception {
        Traffic t = Traffic.availability();
        int threads = 2;
        int perThread = 200_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> recorders = new ArrayList<>();
        for (int n = 0; n < threads; n++) {
            recorders.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < perThread; i++) {
                    t.monitor.recordRequest("GET", "/v1/plans", i % 10 == 0 ? 500 : 200, 1_000);
                }
            }));
        }
        Thread ticker = Thread.ofPlatform().start(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            while (recorders.stream().anyMatch(Thread::isAlive)) {
                t.clock.advance(Duration.ofSeconds(1)); // re-tags ring slots while recorders write
                t.monitor.statuses();                    // drains concurrently
            }
        });
        start.countDown();
        for (Thread r : recorders) {
            r.join();
        }
        ticker.join();

        SloStatus s = t.monitor.statuses().getFirst();
        assertThat(s.totalEvents()).isEqualTo((long) threads * perThread);
        assertThat(s.totalEvents() - s.goodEvents()).isEqualTo((long) threads * perThread / 10);
    }
}

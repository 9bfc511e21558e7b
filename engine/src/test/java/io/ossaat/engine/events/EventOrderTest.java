package io.ossaat.engine.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import io.ossaat.engine.Engine;
import io.ossaat.engine.plans.StepState;
import io.ossaat.engine.storage.Transactions;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.SseReader;
import io.ossaat.engine.testing.TestEngines;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Writers that commit in an order other than the one they wrote in must not make a reader skip or repeat an event:
 * the log numbers events only after they commit. A reader that followed the write-time numbers instead (a plain
 * bigserial) skips an event for good, as the second test shows.
 */
class EventOrderTest {
    private static final int WRITERS = 12;
    private static final int TRANSACTIONS_EACH = 15;
    private static final int EVENTS_EACH = 3;
    private static final int READERS = 3;

    @Test
    void writersCommittingInRandomOrderNeverMakeAResumingReaderSkipOrRepeat() throws Exception {
        try (Engine engine = TestEngines.start()) {
            Api api = TestEngines.api(engine);
            int expected = WRITERS * TRANSACTIONS_EACH * EVENTS_EACH;
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<?>> work = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<List<SseReader.SseEvent>>> readers = new ArrayList<>();
                for (int r = 0; r < READERS; r++) {
                    readers.add(pool.submit(() -> readResuming(api, expected)));
                }
                // a second sequencer, as another engine instance on the same database would run
                Transactions tx = new Transactions(engine.database().dataSource());
                work.add(pool.submit(() -> {
                    while (writing.get()) {
                        tx.inTransaction(c -> EventLog.sequence(c, 7));
                    }
                    return null;
                }));
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    work.add(pool.submit(() -> {
                        for (int t = 0; t < TRANSACTIONS_EACH; t++) {
                            writeAndCommitLate(engine, "order-" + writer + "-" + t);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work.subList(1, work.size())) {
                    f.get();
                }
                writing.set(false);
                work.getFirst().get();

                for (Future<List<SseReader.SseEvent>> reader : readers) {
                    List<SseReader.SseEvent> seen = reader.get();
                    List<Long> seqs = seen.stream().map(SseReader.SseEvent::seq).toList();
                    assertThat(seqs).as("every event once, in sequence: nothing skipped, nothing repeated")
                            .isEqualTo(java.util.stream.LongStream.rangeClosed(1, expected).boxed().toList());
                    Map<String, List<Integer>> byTransaction = new LinkedHashMap<>();
                    for (SseReader.SseEvent e : seen) {
                        byTransaction.computeIfAbsent(e.data().get("planId").asText(), k -> new ArrayList<>())
                                .add(e.data().get("attempt").asInt());
                    }
                    assertThat(byTransaction).hasSize(WRITERS * TRANSACTIONS_EACH)
                            .allSatisfy((plan, attempts) -> assertThat(attempts).as(plan + " in the order written")
                                    .containsExactly(0, 1, 2));
                }
            }
        }
    }

    /** Appends a transaction's events, holds it open a random while (others commit meanwhile), then commits. */
    private static void writeAndCommitLate(Engine engine, String planId) throws SQLException, InterruptedException {
        try (Connection c = engine.database().connection()) {
            c.setAutoCommit(false);
            List<NewEvent> events = new ArrayList<>();
            for (int i = 0; i < EVENTS_EACH; i++) {
                events.add(new NewEvent(planId, "step", StepState.RUNNING, i, null));
            }
            EventLog.append(c, events, Instant.now());
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 15));
            c.commit();
            c.setAutoCommit(true);
        }
        engine.events().committed();
    }

    /**
     * Streams the whole log, dropping the connection after a random number of events and resuming after the last,
     * until it has them all or a minute has passed (a reader that skipped one waits for it in vain).
     */
    private static List<SseReader.SseEvent> readResuming(Api api, int expected) {
        List<SseReader.SseEvent> seen = new ArrayList<>();
        String last = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (seen.size() < expected && System.nanoTime() < deadline) {
            int more = Math.min(ThreadLocalRandom.current().nextInt(1, 40), expected - seen.size());
            try (SseReader sse = new SseReader(api, "/v1/events", last)) {
                try {
                    await().atMost(Duration.ofSeconds(5)).until(() -> sse.events().size() >= more);
                } catch (ConditionTimeoutException e) {
                    // resume and look again
                }
                seen.addAll(sse.events());
            }
            if (!seen.isEmpty()) {
                last = seen.getLast().id();
            }
        }
        return seen;
    }

    /**
     * The failure the sequencer prevents, shown on the write-time numbers (the entry column, a plain bigserial): A
     * writes first, B writes later but commits first; a reader polling "after the last number I saw" sees B's
     * event, moves past A's number, and never sees A's. The sequence numbers put A's event after B's instead.
     */
    @Test
    void aReaderOfTheWriteTimeNumbersSkipsAnEventThatCommitsLate() throws Exception {
        try (Engine engine = TestEngines.start();
             Connection a = engine.database().connection(); Connection b = engine.database().connection()) {
            Transactions tx = new Transactions(engine.database().dataSource());
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            EventLog.append(a, List.of(new NewEvent("late-a", null, StepState.RUNNING, 0, null)), Instant.now());
            EventLog.append(b, List.of(new NewEvent("early-b", null, StepState.RUNNING, 0, null)), Instant.now());
            b.commit();

            long naiveCursor = 0;
            List<String> naive = new ArrayList<>();
            naiveCursor = readByEntry(engine, naiveCursor, naive);
            tx.inTransaction(c -> EventLog.sequence(c, 100));
            List<Event> sequenced = new ArrayList<>(tx.read(c -> EventLog.read(c, 0, null, 100)));

            a.commit();
            readByEntry(engine, naiveCursor, naive);
            tx.inTransaction(c -> EventLog.sequence(c, 100));
            sequenced.addAll(tx.read(c -> EventLog.read(c, sequenced.getLast().seq(), null, 100)));

            assertThat(naive).as("the bigserial reader never sees A's event").containsExactly("early-b");
            assertThat(sequenced).extracting(Event::planId).containsExactly("early-b", "late-a");
            assertThat(sequenced).extracting(Event::seq).containsExactly(1L, 2L);
        }
    }

    private static long readByEntry(Engine engine, long after, List<String> into) throws SQLException {
        try (Connection c = engine.database().connection();
             PreparedStatement ps = c.prepareStatement("select entry, plan_id from events where entry > ? order by entry")) {
            ps.setLong(1, after);
            long last = after;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong(1);
                    into.add(rs.getString(2));
                }
            }
            return last;
        }
    }
}

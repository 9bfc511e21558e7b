package io.ossaat.engine.events;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.ossaat.engine.WakeUp;
import io.ossaat.engine.bus.RedisBus;
import io.ossaat.engine.storage.Transactions;

/**
 * Live events for this instance. One tailer numbers the committed events that have no sequence number yet
 * ({@link EventLog#sequence}), then reads the log in sequence order and fans new events out to subscribers. It
 * wakes when this instance commits events, when another instance announces numbered events over Redis, and at a
 * poll interval (short when Redis is away), so no event is lost or left unnumbered whichever path fails: any
 * instance numbers what another committed and could not number. Give it a connection of its own
 * ({@link io.ossaat.engine.storage.Database#sequencerDataSource}): in a pool the API fills, its passes would wait
 * behind requests and events would be numbered seconds late.
 *
 * <p>Passes are paced: one starts at most every {@link #PACE} while commits keep coming, and at once after a quiet
 * spell. A pass numbers everything committed before it, so the events of many commits share one pass, one
 * transaction and one WAL flush instead of a pass each; a lone event is still delivered without delay.
 */
public final class EventFeed implements AutoCloseable {
    public static final String CHANNEL = "ossaat:events";
    private static final System.Logger LOG = System.getLogger(EventFeed.class.getName());
    private static final int BATCH = 1000;
    private static final int SEQUENCE_BATCH = 10_000;
    private static final Duration PACE = Duration.ofMillis(20);

    private final Transactions tx;
    private final RedisBus bus;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final Set<java.util.function.Consumer<Event>> listeners = ConcurrentHashMap.newKeySet();
    private final WakeUp wakeUp = new WakeUp();
    private volatile long head;
    private volatile boolean closed;
    private Thread tailer;

    /** @param tx on a connection of the feed's own (see above) */
    public EventFeed(Transactions tx, RedisBus bus) {
        this.tx = tx;
        this.bus = bus;
    }

    public void start() {
        head = tx.read(EventLog::lastSeq);
        bus.listen(CHANNEL, message -> poke());
        tailer = Thread.ofVirtual().name("ossaat-event-tailer").start(this::tail);
        poke(); // number what a stopped instance committed and left unnumbered
    }

    /** Called after a transaction that appended events has committed: the tailer numbers and dispatches them. */
    public void committed() {
        poke();
    }

    /** The last sequence number this instance has dispatched. */
    public long head() {
        return head;
    }

    /**
     * Subscribes to live events, optionally of one plan. Subscribe before reading history: an event committed in
     * between then shows up in both, and the reader skips what it has already seen.
     */
    public Subscription subscribe(String planId) {
        Subscription s = new Subscription(planId);
        subscriptions.add(s);
        return s;
    }

    /**
     * Calls the listener with every new event, in order, on the tailer thread: it must return quickly.
     *
     * @return closing it removes the listener
     */
    public AutoCloseable listen(java.util.function.Consumer<Event> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void poke() {
        wakeUp.signal();
    }

    private void tail() {
        long lastPass = System.nanoTime() - PACE.toNanos();
        while (!closed) {
            try {
                wakeUp.await(bus.isSubscribed() ? Duration.ofSeconds(2) : Duration.ofMillis(250));
                long early = lastPass + PACE.toNanos() - System.nanoTime();
                if (early > 0) {
                    Thread.sleep(Duration.ofNanos(early)); // the commits meanwhile join this pass
                }
                lastPass = System.nanoTime();
                int numbered = 0;
                int pass;
                do {
                    pass = tx.inTransaction(c -> EventLog.sequence(c, SEQUENCE_BATCH));
                    numbered += pass;
                } while (pass == SEQUENCE_BATCH);
                List<Event> batch;
                do {
                    long from = head;
                    batch = tx.read(c -> EventLog.read(c, from, null, BATCH));
                    for (Event e : batch) {
                        for (Subscription s : subscriptions) {
                            s.offer(e);
                        }
                        for (var l : listeners) {
                            try {
                                l.accept(e);
                            } catch (RuntimeException ex) {
                                LOG.log(System.Logger.Level.WARNING, "event listener failed: " + ex.getMessage());
                            }
                        }
                        head = e.seq();
                    }
                } while (batch.size() == BATCH);
                if (numbered > 0) {
                    bus.publish(CHANNEL, Long.toString(head)); // other instances dispatch what this one numbered
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "event tailer: " + e.getMessage());
                    sleepQuietly();
                }
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (tailer != null) {
            tailer.interrupt();
        }
        subscriptions.forEach(Subscription::close);
    }

    /** A live view on the feed; a reader that falls too far behind is told to catch up from the log. */
    public final class Subscription implements AutoCloseable {
        private final String planId;
        static final int CAPACITY = 4096;
        private static final long OVERFLOW_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
        private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(CAPACITY);
        private volatile boolean overflowed;

        private Subscription(String planId) {
            this.planId = planId;
        }

        /**
         * Once the queue is full, nothing more is queued until the reader has been told: the queue then holds an
         * unbroken run of events, and whatever was dropped is still in the log when the reader catches up.
         */
        void offer(Event e) {
            if (overflowed || (planId != null && !planId.equals(e.planId()))) {
                return;
            }
            if (!queue.offer(e)) {
                overflowed = true;
            }
        }

        /**
         * The next event; null after {@code timeout}, or at once when the queue has run dry after an overflow (so
         * the reader catches up now, not at the next keep-alive). Events come without gaps until an overflow.
         */
        public Event poll(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Event e = queue.poll();
                if (e != null) {
                    return e;
                }
                long left = deadline - System.nanoTime();
                if (overflowed || left <= 0) {
                    return null;
                }
                e = queue.poll(Math.min(left, OVERFLOW_CHECK_NANOS), TimeUnit.NANOSECONDS);
                if (e != null) {
                    return e;
                }
            }
        }

        /**
         * True once after events were dropped: the reader must then re-read the log after its last seen event,
         * which holds everything dropped (the tailer dispatches only committed events). Queueing resumes now.
         */
        public boolean takeOverflow() {
            if (!overflowed) {
                return false;
            }
            queue.clear(); // all of it is in the log too
            overflowed = false;
            return true;
        }

        public String planId() {
            return planId;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }
}

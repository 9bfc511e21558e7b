package io.ossaat.engine.slo;

import java.util.concurrent.atomic.LongAdder;

/**
 * The request path's counters: a small ring of 10 s slots, each a {@link LongAdder} holding the total in its low
 * 32 bits and the good count in its high 32 bits, so one lock-free {@code add} records an event. A slot is
 * re-tagged for a new bucket under the owner's lock (once per slot and 10 s), after its counts were handed to the
 * sink. {@link #drain()} hands over what every slot gathered since the last drain; callers hold the lock.
 */
final class HotRing {
    static final long WIDTH_MS = BucketHistory.FINE.toMillis();
    private static final int SLOTS = 32;
    private static final long GOOD = 1L << 32;
    private static final long LOW = 0xFFFF_FFFFL;

    interface Sink {
        void accept(long bucketStartMs, long total, long good);
    }

    private static final class Slot {
        volatile long bucket = Long.MIN_VALUE;
        final LongAdder counts = new LongAdder();
    }

    private final Slot[] slots = new Slot[SLOTS];
    private final Object lock;
    private final Sink sink;

    HotRing(Object lock, Sink sink) {
        this.lock = lock;
        this.sink = sink;
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new Slot();
        }
    }

    void record(long nowMs, boolean good) {
        long bucket = Math.floorDiv(nowMs, WIDTH_MS);
        Slot slot = slots[(int) (bucket & (SLOTS - 1))];
        if (slot.bucket != bucket) {
            retag(slot, bucket);
        }
        slot.counts.add(good ? GOOD | 1 : 1);
    }

    private void retag(Slot slot, long bucket) {
        synchronized (lock) {
            if (slot.bucket < bucket) {
                drain(slot);
                slot.bucket = bucket;
            }
            // a slot already tagged newer (the clock went back): count the event there
        }
    }

    /** Hands every slot's counts since the last drain to the sink. Callers hold the lock. */
    void drain() {
        for (Slot slot : slots) {
            drain(slot);
        }
    }

    private void drain(Slot slot) {
        long bucket = slot.bucket;
        if (bucket == Long.MIN_VALUE) {
            return;
        }
        long packed = slot.counts.sumThenReset();
        if (packed != 0) {
            sink.accept(bucket * WIDTH_MS, packed & LOW, packed >>> 32);
        }
    }
}

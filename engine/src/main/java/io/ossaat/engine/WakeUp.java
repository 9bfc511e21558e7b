package io.ossaat.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-process wake-up flag for one waiting loop: {@link #signal()} from anywhere, {@link #await} returns early when
 * set. Wake-ups between instances travel over Redis ({@code bus}), which then signals one of these.
 */
public final class WakeUp {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean pending;

    public void signal() {
        lock.lock();
        try {
            pending = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until signalled or {@code max} passed, and clears the flag. */
    public void await(Duration max) throws InterruptedException {
        lock.lock();
        try {
            if (!pending) {
                changed.await(max.toMillis(), TimeUnit.MILLISECONDS);
            }
            pending = false;
        } finally {
            lock.unlock();
        }
    }
}

package io.ossaat.console.model;

import javafx.application.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands items from any thread to the FX thread in batches: however fast a stream produces, at most one
 * {@code runLater} is pending at a time, so a burst of events cannot flood the UI thread.
 */
final class FxBatcher<T> {

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<List<T>> sink;

    FxBatcher(Consumer<List<T>> sink) {
        this.sink = sink;
    }

    void offer(T item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T t; (t = queue.poll()) != null; ) {
            batch.add(t);
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}

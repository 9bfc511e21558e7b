package io.ossaat.console.model;

import javafx.application.Platform;
import javafx.concurrent.Task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs slow work as a {@link Task} on a virtual thread; the callbacks run on the FX thread. */
final class Background {

    private Background() {
    }

    static <T> Task<T> run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }

            @Override
            protected void succeeded() {
                onSuccess.accept(getValue());
            }

            @Override
            protected void failed() {
                onFailure.accept(getException());
            }
        };
        Thread.ofVirtual().name("console-" + name).start(task);
        return task;
    }

    /** Like {@link Platform#runLater} but runs at once when already on the FX thread. */
    static void fx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    static String message(Throwable t) {
        Throwable c = t;
        while (c.getMessage() == null && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }
}

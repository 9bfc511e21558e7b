package io.ossaat.console;

import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Test helpers for the FX thread. */
public final class Fx {

    private Fx() {
    }

    /** Starts the (headless Monocle) toolkit once per JVM. */
    public static void toolkit() {
        try {
            FxToolkit.registerPrimaryStage();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a value on the FX thread, waiting as long as a page drawing a month of history may keep it busy. */
    public static <T> T get(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs on the FX thread and waits for it. */
    public static void run(Runnable r) {
        get(() -> {
            r.run();
            return null;
        });
    }
}

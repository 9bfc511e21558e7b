package io.ossaat.engine.testing;

import io.ossaat.engine.Engine;

/** One engine shared by the test classes that do not care what else is in it; stopped when the JVM exits. */
public final class SharedEngine {
    private static Engine engine;

    private SharedEngine() {
    }

    public static synchronized Engine get() {
        if (engine == null) {
            engine = TestEngines.start();
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
        }
        return engine;
    }

    public static Api api() {
        return TestEngines.api(get());
    }
}

package io.ossaat.engine.testing;

import io.ossaat.engine.Engine;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real engine (embedded Postgres and Redis, a real socket) of its own for one test class, started before its
 * first test and stopped after its last:
 * <pre>{@code
 * @RegisterExtension
 * static final RealEngine engine = new RealEngine();
 * ... engine.api().post("/v1/plans", ...) ...
 * }</pre>
 * Classes that do not care what else is in their engine use {@link SharedEngine} instead.
 */
public final class RealEngine implements BeforeAllCallback, AfterAllCallback {
    private Engine engine;
    private Api api;

    @Override
    public void beforeAll(ExtensionContext context) {
        engine = TestEngines.start();
        api = TestEngines.api(engine);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        engine.close();
    }

    public Engine engine() {
        return engine;
    }

    /** A client with the engine's owner token. */
    public Api api() {
        return api;
    }
}

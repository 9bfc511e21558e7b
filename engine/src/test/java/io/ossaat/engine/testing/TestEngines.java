package io.ossaat.engine.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ossaat.engine.Engine;
import io.ossaat.engine.StartupListener;
import io.ossaat.engine.config.EngineConfig;

/** Starts real engines (embedded Postgres + Redis, a real socket) in throw-away data dirs. */
public final class TestEngines {
    private TestEngines() {
    }

    public static Path newDataDir() {
        try {
            Path base = Path.of(System.getProperty("java.io.tmpdir"), "ossaat-tests");
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "engine-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Engine start() {
        return start(EngineConfig.forDataDir(newDataDir()));
    }

    public static Engine start(EngineConfig config) {
        return Engine.start(config, StartupListener.NONE);
    }

    public static Api api(Engine engine) {
        return new Api(engine.url(), engine.token().value());
    }
}

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

    private static final Path BASE = Path.of(System.getProperty("java.io.tmpdir"), "ossaat-tests");

    static {
        deleteRecursively(BASE); // what an earlier run left behind
    }

    public static Path newDataDir() {
        try {
            Files.createDirectories(BASE);
            return Files.createTempDirectory(BASE, "engine-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort: a leftover folder only costs disk
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

package io.ossaat.console.host;

import java.net.URI;

/**
 * The plug for the in-process engine: the engine module provides one implementation, registered as a
 * {@code java.util.ServiceLoader} service ({@code META-INF/services/io.ossaat.console.host.EngineLauncher}),
 * which starts {@code io.ossaat.engine.Engine} with embedded Postgres and Redis.
 *
 * <p>{@link #launch} must report the phases {@link EmbeddedEngineHost#POSTGRES}, {@link EmbeddedEngineHost#REDIS}
 * and {@link EmbeddedEngineHost#SERVER} through the listener as it goes, and return once the HTTP API answers
 * on a loopback URL. The console then talks to it with the same HTTP client it uses for a remote engine.
 */
public interface EngineLauncher {

    Running launch(EngineFlags flags, StartupListener listener) throws Exception;

    /** A started engine. */
    interface Running extends AutoCloseable {
        /** Loopback root of the HTTP API, e.g. {@code http://127.0.0.1:7070}. */
        URI baseUrl();

        /** The bearer token (from the data dir); null when started with {@code --insecure-no-auth}. */
        String token();

        /** Something the user should know about how it started (a fallback port), or empty. */
        default String notice() {
            return "";
        }

        /** What the Engine page lists about it (version, data dir, database and Redis addresses), in order. */
        default java.util.Map<String, String> facts() {
            return java.util.Map.of();
        }

        /** Stops the server, Redis and Postgres. */
        @Override
        void close();
    }
}

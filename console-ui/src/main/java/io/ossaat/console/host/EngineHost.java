package io.ossaat.console.host;

import io.ossaat.console.client.EngineClient;

import java.util.List;

/**
 * Where the console's engine comes from: started in this process ({@link EmbeddedEngineHost}) or a remote
 * headless engine ({@link AttachedEngineHost}). The console calls {@link #start} once on a background thread,
 * shows the phases as they progress, and after a failure may call {@link #close()} and {@link #start} again
 * (the "Retry" button).
 */
public interface EngineHost extends AutoCloseable {

    enum Mode {
        EMBEDDED("embedded"), ATTACHED("attached");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    Mode mode();

    /** The start-up phases in order, as the start-up screen lists them. */
    List<String> phases();

    /**
     * Starts (or connects to) the engine, blocking until it is ready to serve the API, and reports each phase
     * to {@code listener}. Throws with a message a user can act on when it cannot.
     */
    EngineClient start(StartupListener listener) throws Exception;

    /** After {@link #start}: something the Engine page should point out (e.g. a fallback port), or empty. */
    default String notice() {
        return "";
    }

    /** After {@link #start}: what the Engine page lists about the engine, in order; empty when unknown. */
    default java.util.Map<String, String> facts() {
        return java.util.Map.of();
    }

    /** Stops what {@link #start} started (the client it returned included). Safe to call more than once. */
    @Override
    void close();
}

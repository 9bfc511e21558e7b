package io.ossaat.console.host;

/**
 * Progress of {@link EngineHost#start}. Called on the starting thread, never on the FX thread. A phase is one
 * of the names {@link EngineHost#phases()} lists; a failure is reported by throwing from {@code start}, which
 * marks the phase that was running as failed.
 */
public interface StartupListener {

    void phaseStarted(String phase);

    void phaseDone(String phase, String detail);

    /** A line for the engine page's log. */
    default void log(String line) {
    }

    StartupListener NONE = new StartupListener() {
        @Override
        public void phaseStarted(String phase) {
        }

        @Override
        public void phaseDone(String phase, String detail) {
        }
    };
}

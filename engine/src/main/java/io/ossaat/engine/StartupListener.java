package io.ossaat.engine;

/** Told how start-up goes, part by part (the console shows it; serve ignores it). */
@FunctionalInterface
public interface StartupListener {
    enum Phase { STARTING, READY, FAILED }

    /** @param component postgres, redis, services or server */
    void onPhase(String component, Phase phase, String detail);

    StartupListener NONE = (c, p, d) -> { };
}

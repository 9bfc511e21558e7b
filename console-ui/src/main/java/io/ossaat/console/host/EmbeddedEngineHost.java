package io.ossaat.console.host;

import io.ossaat.console.client.EngineClient;
import io.ossaat.console.client.HttpEngineClient;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Starts the engine in this process through an {@link EngineLauncher} and then talks to it over HTTP on its
 * loopback URL, so embedded and attached modes share every code path above the client.
 */
public final class EmbeddedEngineHost implements EngineHost {

    public static final String POSTGRES = "Postgres";
    public static final String REDIS = "Redis";
    public static final String SERVER = "HTTP server";

    private final EngineFlags flags;
    private final EngineLauncher launcher;
    private EngineLauncher.Running running;
    private HttpEngineClient client;

    /** @param launcher null when this build has no engine to embed: {@link #start} then says what to do instead */
    public EmbeddedEngineHost(EngineFlags flags, EngineLauncher launcher) {
        this.flags = flags;
        this.launcher = launcher;
    }

    /** Uses the first {@link EngineLauncher} found on the class path, if any. */
    public static EmbeddedEngineHost discover(EngineFlags flags) {
        return new EmbeddedEngineHost(flags, ServiceLoader.load(EngineLauncher.class).findFirst().orElse(null));
    }

    @Override
    public Mode mode() {
        return Mode.EMBEDDED;
    }

    @Override
    public List<String> phases() {
        return List.of(POSTGRES, REDIS, SERVER);
    }

    @Override
    public synchronized EngineClient start(StartupListener listener) throws Exception {
        if (launcher == null) {
            listener.phaseStarted(POSTGRES);
            throw new IllegalStateException("This build of the console has no embedded engine: start one with "
                    + "`./ossaat serve` and open it with `./ossaat console --attach http://127.0.0.1:PORT`.");
        }
        close();
        running = launcher.launch(flags, listener);
        client = new HttpEngineClient(running.baseUrl(), running.token());
        listener.log("engine ready at " + running.baseUrl());
        return client;
    }

    @Override
    public synchronized String notice() {
        return running == null ? "" : running.notice();
    }

    @Override
    public synchronized java.util.Map<String, String> facts() {
        return running == null ? java.util.Map.of() : running.facts();
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (running != null) {
            running.close();
            running = null;
        }
    }
}

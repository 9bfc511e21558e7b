package io.ossaat.console.host;

import io.ossaat.engine.Engine;
import io.ossaat.engine.config.ConfigLoader;
import io.ossaat.engine.config.ConfigLoader.Setting;
import io.ossaat.engine.config.EngineConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;

/**
 * Starts {@link Engine} in this process (registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services}). Settings resolve exactly as for {@code ./ossaat serve}: flags, then {@code OSSAAT_*}
 * variables, then {@code <data-dir>/ossaat.yaml}, then the defaults.
 *
 * <p>The port: the configured one (default 7070), so other clients (SDKs, the VS Code extension,
 * {@code ./ossaat slo status}) find the desktop engine where they find a headless one. When that port is taken
 * (a {@code serve} already runs, or a second console) and the port was not demanded with {@code --port} or
 * {@code OSSAAT_PORT}, the engine takes a free port instead and {@link Running#notice()} says so on the Engine
 * page. A port demanded on the command line or in the environment is taken as an order: a clear error if busy.
 */
public final class InProcessEngineLauncher implements EngineLauncher {

    private final Map<String, String> env;

    /** For {@link java.util.ServiceLoader}: the process environment. */
    public InProcessEngineLauncher() {
        this(System.getenv());
    }

    public InProcessEngineLauncher(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Running launch(EngineFlags flags, StartupListener listener) {
        Map<Setting, String> given = flags.settings();
        EngineConfig config = ConfigLoader.load(given, env);
        boolean demanded = given.containsKey(Setting.PORT) || env.containsKey(Setting.PORT.envName());
        String notice = "";
        if (config.port() != 0 && !canBind(config.bind(), config.port())) {
            if (demanded) {
                throw new IllegalStateException("Port " + config.port() + " on " + config.bind() + " is already in use: "
                        + "stop what uses it, pick another --port, or attach to it with --attach http://"
                        + config.bind() + ":" + config.port() + ".");
            }
            notice = "Port " + config.port() + " was taken (is `./ossaat serve` running?), so this engine listens on "
                    + "a free port instead; pass --port N to choose one.";
            config = config.withPort(0);
        }
        listener.log("starting the embedded engine: data dir " + config.dataDir()
                + (config.dbUrl().isPresent() ? ", external Postgres" : "")
                + (config.redisUrl().isPresent() ? ", external Redis" : ""));
        if (!notice.isEmpty()) {
            listener.log(notice);
        }
        Engine engine = Engine.start(config, phases(listener));
        // as ./ossaat serve does: a new token is announced once, so scripts beside the console can use it
        io.ossaat.engine.cli.TokenHint.printIfNew(engine, System.err);
        return new Started(engine, notice);
    }

    /** The engine's components (postgres, redis, services, server) as the console's start-up phases. */
    static io.ossaat.engine.StartupListener phases(StartupListener console) {
        return (component, phase, detail) -> {
            String name = switch (component) {
                case "postgres" -> EmbeddedEngineHost.POSTGRES;
                case "redis" -> EmbeddedEngineHost.REDIS;
                default -> EmbeddedEngineHost.SERVER; // services (step runtime) and the web server
            };
            switch (phase) {
                case STARTING -> {
                    if (!component.equals("server")) {
                        console.phaseStarted(name);
                    }
                }
                case READY -> {
                    if (!component.equals("services")) {
                        console.phaseDone(name, detail);
                    }
                }
                case FAILED -> console.log(component + " failed: " + detail);
            }
        };
    }

    private static boolean canBind(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private record Started(Engine engine, String notice) implements Running {
        @Override
        public URI baseUrl() {
            return URI.create(engine.url());
        }

        @Override
        public String token() {
            return engine.config().insecureNoAuth() ? null : engine.token().value();
        }

        @Override
        public java.util.Map<String, String> facts() {
            String version = Engine.class.getPackage().getImplementationVersion();
            java.util.Map<String, String> facts = new java.util.LinkedHashMap<>();
            facts.put("Version", "ossaat " + (version == null ? "dev" : version) + " (Java " + Runtime.version() + ")");
            facts.put("Data dir", engine.config().dataDir().toString());
            facts.put("Postgres address", engine.database().where());
            facts.put("Redis address", engine.bus().where());
            return facts;
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}

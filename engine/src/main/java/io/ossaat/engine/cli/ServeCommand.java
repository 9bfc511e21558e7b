package io.ossaat.engine.cli;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.ossaat.engine.Engine;
import io.ossaat.engine.StartupListener;
import io.ossaat.engine.config.ConfigException;
import io.ossaat.engine.config.ConfigLoader;
import io.ossaat.engine.config.ConfigLoader.Setting;
import io.ossaat.engine.config.EngineConfig;
import io.ossaat.engine.storage.StorageUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ossaat serve}: the headless engine. */
@Command(name = "serve", usageHelpAutoWidth = true,
        header = "Start the headless engine: HTTP API, MCP endpoint and metrics.",
        mixinStandardHelpOptions = true,
        description = {"Start the headless engine (HTTP API, MCP, metrics) on embedded Postgres and",
                "Redis (or external ones). Prints one line 'ready: http://HOST:PORT' on stdout",
                "when it accepts requests; Ctrl-C or SIGTERM stops it, Postgres and Redis too.",
                "",
                "Settings come from flags, then OSSAAT_* environment variables, then",
                "<data-dir>/ossaat.yaml (keys as the flag names, e.g. 'port: 8080'), then the",
                "defaults.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly", "2:a setting is invalid", "3:Postgres or Redis cannot be started or reached"})
public final class ServeCommand implements Callable<Integer> {
    private static volatile boolean serving;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port; 0 picks a free one (default 7070, env OSSAAT_PORT)")
    String port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "address to listen on (default 127.0.0.1, env OSSAAT_BIND)")
    String bind;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "token, config, embedded Postgres and Redis data (default ~/.ossaat, env OSSAAT_DATA_DIR)")
    String dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC",
            description = "external PostgreSQL, e.g. jdbc:postgresql://db:5432/ossaat?user=u&password=p; "
                    + "unset starts the embedded one (env OSSAAT_DB_URL)")
    String dbUrl;

    @Option(names = "--redis-url", paramLabel = "URL",
            description = "external Redis, e.g. redis://host:6379; unset starts the embedded one (env OSSAAT_REDIS_URL)")
    String redisUrl;

    @Option(names = "--runners", paramLabel = "N", description = "steps run at once on this instance (default 8, env OSSAAT_RUNNERS)")
    String runners;

    @Option(names = "--lease-seconds", paramLabel = "N",
            description = "how long a running step stays claimed without a heartbeat; a crashed engine's steps run "
                    + "again after this (default 15, env OSSAAT_LEASE_SECONDS)")
    String leaseSeconds;

    @Option(names = "--workspace-root", paramLabel = "DIR",
            description = "plans may only work on git repositories inside this folder; repeatable "
                    + "(env OSSAAT_WORKSPACE_ROOTS, separated by '${sys:path.separator}')")
    java.util.List<String> workspaceRoots;

    @Option(names = "--keep-worktrees",
            description = "keep the git worktree of a failed plan for inspection; the plan's detail says where "
                    + "(env OSSAAT_KEEP_WORKTREES)")
    boolean keepWorktrees;

    @Option(names = "--rate-limit", paramLabel = "N",
            description = "requests per second each token may make, 0 for no limit (default 20000, env OSSAAT_RATE_LIMIT)")
    String rateLimit;

    @Option(names = "--rate-limit-burst", paramLabel = "N",
            description = "requests a token may make at once (default twice the rate, env OSSAAT_RATE_LIMIT_BURST)")
    String rateLimitBurst;

    @Option(names = "--ip-rate-limit", paramLabel = "N",
            description = "requests per second each client address may make, counted before the token is checked; "
                    + "0 for no limit (default 40000, env OSSAAT_IP_RATE_LIMIT)")
    String ipRateLimit;

    @Option(names = "--ip-rate-limit-burst", paramLabel = "N",
            description = "requests an address may make at once (default twice the rate, env OSSAAT_IP_RATE_LIMIT_BURST)")
    String ipRateLimitBurst;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "read the owner's token from this file instead of <data-dir>/token, e.g. a mounted Secret"
                    + " shared by the instances of a cluster; never written (env OSSAAT_TOKEN_FILE)")
    String tokenFile;

    @Option(names = "--mcp-host", paramLabel = "HOST",
            description = "a host name MCP clients may use besides loopback and the bind address, such as the load"
                    + " balancer's in front of a cluster; repeatable (env OSSAAT_MCP_HOSTS, separated by commas)")
    java.util.List<String> mcpHosts;

    @Option(names = "--insecure-no-auth",
            description = "serve without the bearer token; only accepted when bound to loopback (env OSSAAT_INSECURE_NO_AUTH)")
    boolean insecureNoAuth;

    static boolean isServing() {
        return serving;
    }

    Map<Setting, String> flags() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        put(flags, Setting.PORT, port);
        put(flags, Setting.BIND, bind);
        put(flags, Setting.DATA_DIR, dataDir);
        put(flags, Setting.DB_URL, dbUrl);
        put(flags, Setting.REDIS_URL, redisUrl);
        put(flags, Setting.RUNNERS, runners);
        put(flags, Setting.LEASE_SECONDS, leaseSeconds);
        if (workspaceRoots != null && !workspaceRoots.isEmpty()) {
            flags.put(Setting.WORKSPACE_ROOT, String.join(java.io.File.pathSeparator, workspaceRoots));
        }
        if (keepWorktrees) {
            flags.put(Setting.KEEP_WORKTREES, "true");
        }
        put(flags, Setting.RATE_LIMIT, rateLimit);
        put(flags, Setting.RATE_LIMIT_BURST, rateLimitBurst);
        put(flags, Setting.IP_RATE_LIMIT, ipRateLimit);
        put(flags, Setting.IP_RATE_LIMIT_BURST, ipRateLimitBurst);
        put(flags, Setting.TOKEN_FILE, tokenFile);
        if (mcpHosts != null && !mcpHosts.isEmpty()) {
            flags.put(Setting.MCP_HOST, String.join(",", mcpHosts));
        }
        if (insecureNoAuth) {
            flags.put(Setting.INSECURE_NO_AUTH, "true");
        }
        return flags;
    }

    @Override
    public Integer call() {
        EngineConfig config;
        Engine engine;
        try {
            config = ConfigLoader.load(flags(), System.getenv());
            engine = Engine.start(config, StartupListener.NONE);
        } catch (ConfigException e) {
            System.err.println("ossaat: " + e.getMessage());
            return 2;
        } catch (StorageUnavailableException e) {
            System.err.println("ossaat: " + e.getMessage());
            return 3;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            stopped.countDown();
        }, "ossaat-shutdown"));
        TokenHint.printIfNew(engine, System.err);
        if (config.insecureNoAuth()) {
            System.err.println("ossaat: WARNING: authentication is off (--insecure-no-auth)");
        }
        serving = true;
        System.out.println("ready: " + engine.url());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void put(Map<Setting, String> flags, Setting s, String value) {
        if (value != null) {
            flags.put(s, value);
        }
    }
}

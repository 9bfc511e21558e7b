package io.ossaat.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.ossaat.engine.agents.AgentCatalog;
import io.ossaat.engine.auth.ApiTokens;
import io.ossaat.engine.auth.Permission;
import io.ossaat.engine.auth.Role;
import io.ossaat.engine.bus.RedisBus;
import io.ossaat.engine.config.ConfigException;
import io.ossaat.engine.config.EngineConfig;
import io.ossaat.engine.events.EventFeed;
import io.ossaat.engine.plans.PlanService;
import io.ossaat.engine.plans.Planner;
import io.ossaat.engine.ratelimit.RateLimit;
import io.ossaat.engine.ratelimit.RateLimiter;
import io.ossaat.engine.mcp.HelidonMcpTransport;
import io.ossaat.engine.mcp.JdbcMcpSessionStore;
import io.ossaat.engine.mcp.OssaatMcpServer;
import io.ossaat.engine.runtime.PlanActions;
import io.ossaat.engine.slo.JdbcSloStore;
import io.ossaat.engine.slo.SloConfig;
import io.ossaat.engine.slo.SloConfigException;
import io.ossaat.engine.slo.SloDefinition;
import io.ossaat.engine.slo.SloMonitor;
import io.ossaat.engine.runtime.StepRuntime;
import io.ossaat.engine.runtime.WorktreeCleanup;
import io.ossaat.engine.tools.PlanWorktrees;
import io.ossaat.engine.tools.ToolRegistry;
import io.ossaat.engine.tools.WorkspaceRules;
import io.ossaat.engine.storage.Database;
import io.ossaat.engine.storage.Transactions;
import io.ossaat.engine.web.ApiModule;
import io.ossaat.engine.web.ApiServer;
import io.ossaat.engine.web.EngineRoutes;

/**
 * The whole engine: storage and bus (Postgres and Redis start in parallel), services, then the web server.
 * Stops in reverse order. It is what {@code ossaat serve} runs and what the console embeds.
 */
public final class Engine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final EngineConfig config;
    private final Deque<AutoCloseable> stopOrder = new ArrayDeque<>();
    private Database database;
    private RedisBus bus;
    private EventFeed feed;
    private PlanService plans;
    private PlanActions actions;
    private StepRuntime runtime;
    private ToolRegistry tools;
    private SloMonitor slo;
    private List<String> routes = List.of();
    private AgentCatalog agents;
    private WebServer server;
    private TokenStore.Token token;

    private final Clock clock;

    private Engine(EngineConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts every part; on failure stops what did start and rethrows.
     *
     * @throws ConfigException                                           for bad settings or profiles
     * @throws io.ossaat.engine.storage.StorageUnavailableException when Postgres or Redis cannot be reached
     */
    public static Engine start(EngineConfig config, StartupListener listener) {
        return start(config, listener, Clock.systemUTC());
    }

    /** As {@link #start(EngineConfig, StartupListener)} with the clock tests move to drive retries and backoff. */
    public static Engine start(EngineConfig config, StartupListener listener, Clock clock) {
        Engine engine = new Engine(config, clock);
        try {
            engine.startParts(listener);
            return engine;
        } catch (RuntimeException | Error e) {
            engine.close();
            throw e;
        }
    }

    private void startParts(StartupListener listener) {
        DataDir.prepare(config.dataDir());
        token = config.tokenFile().map(TokenStore::read).orElseGet(() -> TokenStore.loadOrCreate(config.dataDir()));
        tools = ToolRegistry.builtIn();
        agents = loadAgents();
        startStorage(listener);
        Transactions tx = new Transactions(database.dataSource());
        listener.onPhase("services", StartupListener.Phase.STARTING, "");
        startServices(tx);
        listener.onPhase("services", StartupListener.Phase.READY, "");
        listener.onPhase("server", StartupListener.Phase.STARTING, config.bind() + ":" + config.port());
        startServer(tx);
        listener.onPhase("server", StartupListener.Phase.READY, url());
    }

    /** Postgres and Redis, started in parallel. */
    private void startStorage(StartupListener listener) {
        try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Database> pg = CompletableFuture.supplyAsync(() -> {
                listener.onPhase("postgres", StartupListener.Phase.STARTING, config.dbUrl().isPresent() ? "external" : "embedded");
                Database db = Database.start(config.dbUrl(), config.dataDir(), poolSize());
                listener.onPhase("postgres", StartupListener.Phase.READY, db.where());
                return db;
            }, starters);
            CompletableFuture<RedisBus> redis = CompletableFuture.supplyAsync(() -> {
                listener.onPhase("redis", StartupListener.Phase.STARTING, config.redisUrl().isPresent() ? "external" : "embedded");
                RedisBus b = RedisBus.start(config.redisUrl(), config.dataDir());
                listener.onPhase("redis", StartupListener.Phase.READY, b.where());
                return b;
            }, starters);
            database = join(pg, "postgres", listener);
            stopOrder.push(database);
            bus = join(redis, "redis", listener);
            stopOrder.push(bus);
        }
    }

    /**
     * Connections for the runners and 8 more for the API and the SLO flush (the event sequencer has its own one,
     * {@link Database#sequencerDataSource}); against the embedded
     * PostgreSQL, which serves this instance alone, 16 more: a create is one commit that waits for its WAL flush,
     * and the more commits wait together, the more each flush carries (on the 2-core machine 32 concurrent creates
     * made about 15 % more plans per second than 16). An external server's connections are shared by every instance.
     */
    private int poolSize() {
        return Math.max(10, config.runners() + 8) + (config.dbUrl().isPresent() ? 0 : 16);
    }

    /** The SLO monitor, the event feed, the step runtime and the plan services. */
    private void startServices(Transactions tx) {
        slo = startSloMonitor();
        feed = new EventFeed(new Transactions(database.sequencerDataSource()), bus);
        feed.start();
        stopOrder.push(feed);
        WorkspaceRules rules = workspaceRules();
        PlanWorktrees worktrees = new PlanWorktrees(config.dataDir(), rules);
        runtime = new StepRuntime(tx, feed, bus, tools, worktrees, agents, clock, StepRuntime.defaultRandom(),
                StepRuntime.Settings.defaults(config.runners()).withLease(config.lease()));
        plans = new PlanService(tx, feed, agents, new Planner(tools), clock, runtime::workAppeared, rules, worktrees);
        actions = new PlanActions(runtime, plans);
        WorktreeCleanup cleanup = new WorktreeCleanup(worktrees, plans, agents, config.keepWorktrees());
        cleanup.afterStart();
        stopOrder.push(feed.listen(cleanup::onEvent));
        runtime.start();
        stopOrder.push(runtime);
    }

    /** The HTTP server with every route group and the MCP endpoint. */
    private void startServer(Transactions tx) {
        ApiServer api = new ApiServer()
                .observer(slo::recordRequest)
                .metrics(slo::appendPrometheus)
                .component("postgres", database::isUp)
                .component("redis", bus::isUp)
                .component("runner", runtime::isRunning)
                // an embedded Redis serves this instance alone; an external one may be shared by several
                .rateLimits(config.redisUrl().isPresent() ? RateLimiter.shared(bus) : RateLimiter.local(),
                        new RateLimit("address", config.rateLimits().perAddress(), config.rateLimits().perAddressBurst()),
                        new RateLimit("principal", config.rateLimits().perPrincipal(),
                                config.rateLimits().perPrincipalBurst()));
        runtime.observeDispatch(waited -> {
            slo.recordStepDispatch(waited.toNanos());
            api.httpMetrics().observeDispatch(waited.toNanos());
        });
        ApiTokens tokens = new ApiTokens(tx, clock);
        EngineRoutes.addTo(api, tx, feed, plans, actions, agents, tools, slo, tokens);
        // one MCP server per role, each listing only the tools its role may call: an agent's session has no
        // approve_step or reject_step; a request goes to the transport of its token's role. Sessions are kept in
        // Postgres, so any instance serves a session another one started.
        JdbcMcpSessionStore mcpSessions = new JdbcMcpSessionStore(tx);
        for (Role role : Role.values()) {
            HelidonMcpTransport transport = HelidonMcpTransport.builder()
                    .allowedHosts(mcpHosts())
                    .principal(req -> ApiServer.principal(req).orElse(null))
                    .accepts(req -> ApiServer.principal(req).map(p -> p.role() == role).orElse(false))
                    .maxBodyBytes((int) ApiServer.MAX_BODY_BYTES)
                    .sessionStore(mcpSessions)
                    .build();
            OssaatMcpServer mcp = OssaatMcpServer.builder(transport).services(plans, actions, slo, feed).role(role)
                    .build();
            stopOrder.push(mcp::close);
            api.module(ApiModule.mount("/mcp", transport, Permission.READ, Method.POST, Method.GET, Method.DELETE));
        }
        server = api.start(config.bind(), config.port(), config.insecureNoAuth() ? null : token.value(), tokens);
        routes = api.routes();
        stopOrder.push(() -> server.stop());
    }

    /**
     * Hosts MCP requests may name (DNS-rebinding guard): loopback, the bind address when it is not, and the names
     * given with {@code --mcp-host} (a load balancer's).
     */
    private List<String> mcpHosts() {
        List<String> hosts = new java.util.ArrayList<>(List.of("localhost", "127.0.0.1", "[::1]"));
        if (!EngineConfig.isLoopback(config.bind()) && !config.bind().equals("0.0.0.0")) {
            hosts.add(config.bind());
        }
        hosts.addAll(config.mcpHosts());
        return hosts;
    }

    /** SLOs from {@code <data-dir>/slo.yaml} or the shipped file; counts flushed to Postgres every few seconds. */
    private SloMonitor startSloMonitor() {
        List<SloDefinition> definitions;
        try {
            definitions = SloConfig.loadOrDefault(config.dataDir().resolve("slo.yaml"));
        } catch (SloConfigException e) {
            throw new ConfigException("slo", e.getMessage());
        }
        SloMonitor monitor = SloMonitor.builder()
                .definitions(definitions)
                .clock(clock)
                .store(new JdbcSloStore(database.dataSource(), InstanceId.of(config.dataDir())))
                .build();
        monitor.start();
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("ossaat-slo-flush").factory());
        long every = SloMonitor.FLUSH_INTERVAL.toMillis();
        flusher.scheduleAtFixedRate(monitor::flush, every, every, TimeUnit.MILLISECONDS);
        stopOrder.push(() -> {
            flusher.shutdownNow();
            monitor.flush();
        });
        return monitor;
    }

    private WorkspaceRules workspaceRules() {
        try {
            return new WorkspaceRules(config.dataDir(), Path.of(System.getProperty("user.home")), config.workspaceRoots());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("workspace-root", e.getMessage());
        }
    }

    private AgentCatalog loadAgents() {
        try {
            return AgentCatalog.load(config.dataDir(), tools);
        } catch (IllegalStateException e) {
            throw new ConfigException("agents", e.getMessage());
        }
    }

    private <T extends AutoCloseable> T join(CompletableFuture<T> f, String component, StartupListener listener) {
        try {
            return f.join();
        } catch (CompletionException e) {
            listener.onPhase(component, StartupListener.Phase.FAILED, e.getCause().getMessage());
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    public String url() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + server.port();
    }

    /** Every HTTP route as "METHOD template". */
    public List<String> routes() {
        return routes;
    }

    public int port() {
        return server.port();
    }

    public TokenStore.Token token() {
        return token;
    }

    public EngineConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public RedisBus bus() {
        return bus;
    }

    public PlanService plans() {
        return plans;
    }

    public PlanActions actions() {
        return actions;
    }

    public StepRuntime runtime() {
        return runtime;
    }

    public SloMonitor slo() {
        return slo;
    }

    public ToolRegistry tools() {
        return tools;
    }

    public EventFeed events() {
        return feed;
    }

    public AgentCatalog agents() {
        return agents;
    }

    /** Stops the parts in reverse start order; safe to call twice. */
    @Override
    public synchronized void close() {
        while (!stopOrder.isEmpty()) {
            AutoCloseable part = stopOrder.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "stopping " + part + " failed: " + e.getMessage());
            }
        }
    }
}

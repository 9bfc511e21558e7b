package io.ossaat.engine.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The engine's whole configuration, resolved once at start-up (flags > OSSAAT_* environment >
 * {@code <data-dir>/ossaat.yaml} > defaults) and never changed afterwards.
 *
 * @param bind          address the HTTP server listens on
 * @param port          HTTP port; 0 picks a free one
 * @param dataDir       folder for the token, config overrides, embedded Postgres and Redis data
 * @param dbUrl         external PostgreSQL JDBC URL; empty starts the embedded Postgres
 * @param redisUrl      external Redis URL; empty starts the embedded Redis
 * @param insecureNoAuth turns bearer-token auth off (loopback binds only)
 * @param runners       how many steps run at once on this instance
 * @param lease         how long a running step's lease lasts without a heartbeat (a dead engine's steps come back
 *                      after this)
 * @param workspaceRoots the folders plan workspaces must lie in; empty allows any git repository the other rules allow
 * @param keepWorktrees  keeps the worktree of a failed plan for inspection instead of removing it
 * @param rateLimits    requests per second (and bursts) each principal and each client address may make
 * @param tokenFile     where the owner's token is read from instead of {@code <data-dir>/token} (a mounted
 *                      Secret, the same for every instance of a cluster); never written
 * @param mcpHosts      host names (or {@code host:port}, {@code scheme://host[:port]}) MCP clients may use besides
 *                      loopback and the bind address: the name of a load balancer or Service in front of a cluster
 */
public record EngineConfig(String bind,
                           int port,
                           Path dataDir,
                           Optional<String> dbUrl,
                           Optional<String> redisUrl,
                           boolean insecureNoAuth,
                           int runners,
                           java.time.Duration lease,
                           java.util.List<Path> workspaceRoots,
                           boolean keepWorktrees,
                           RateLimits rateLimits,
                           Optional<Path> tokenFile,
                           java.util.List<String> mcpHosts) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;
    public static final int DEFAULT_RUNNERS = 8;
    public static final java.time.Duration DEFAULT_LEASE = java.time.Duration.ofSeconds(15);

    /**
     * Token-bucket limits; a rate of 0 turns that limit off. The defaults sit far above what the load profiles
     * send from one token and one address (1,500 creates per second plus their reads), so they stop runaway
     * clients, not load.
     *
     * @param perPrincipal      requests per second per authenticated principal (token)
     * @param perPrincipalBurst requests a principal may make at once
     * @param perAddress        requests per second per client IP address, counted before authentication
     * @param perAddressBurst   requests an address may make at once
     */
    public record RateLimits(int perPrincipal, int perPrincipalBurst, int perAddress, int perAddressBurst) {
        public static final RateLimits DEFAULTS = new RateLimits(20_000, 40_000, 40_000, 80_000);

        public RateLimits {
            require(perPrincipal >= 0, "rate-limit", "must be 0 (off) or more, was " + perPrincipal);
            require(perAddress >= 0, "ip-rate-limit", "must be 0 (off) or more, was " + perAddress);
            require(perPrincipal == 0 || perPrincipalBurst >= 1, "rate-limit-burst",
                    "must be at least 1, was " + perPrincipalBurst);
            require(perAddress == 0 || perAddressBurst >= 1, "ip-rate-limit-burst",
                    "must be at least 1, was " + perAddressBurst);
        }
    }

    public EngineConfig {
        require(bind != null && !bind.isBlank(), "bind", "must not be empty");
        require(port >= 0 && port <= 65535, "port", "must be between 0 and 65535, was " + port);
        require(dataDir != null, "data-dir", "must be set");
        require(runners >= 1 && runners <= 1024, "runners", "must be between 1 and 1024, was " + runners);
        lease = lease == null ? DEFAULT_LEASE : lease;
        rateLimits = rateLimits == null ? RateLimits.DEFAULTS : rateLimits;
        tokenFile = tokenFile == null ? Optional.empty() : tokenFile;
        mcpHosts = mcpHosts == null ? java.util.List.of() : java.util.List.copyOf(mcpHosts);
        mcpHosts.forEach(h -> require(h.matches("[^\\s,]+"), "mcp-host", "must be a host name without spaces, was '"
                + h + "'"));
        require(lease.toMillis() >= 1000 && lease.toSeconds() <= 3600, "lease-seconds",
                "must be between 1 and 3600, was " + lease.toSeconds());
        workspaceRoots = workspaceRoots == null ? java.util.List.of() : java.util.List.copyOf(workspaceRoots);
        workspaceRoots.forEach(r -> require(r.isAbsolute(), "workspace-root", "must be an absolute path, was " + r));
        dbUrl = dbUrl == null ? Optional.empty() : dbUrl.filter(s -> !s.isBlank());
        redisUrl = redisUrl == null ? Optional.empty() : redisUrl.filter(s -> !s.isBlank());
        dbUrl.ifPresent(url -> require(url.startsWith("jdbc:postgresql:"), "db-url",
                "must be a PostgreSQL JDBC URL starting with jdbc:postgresql:, was " + url));
        redisUrl.ifPresent(url -> require(url.startsWith("redis://") || url.startsWith("rediss://"), "redis-url",
                "must start with redis:// or rediss://, was " + url));
        require(!insecureNoAuth || isLoopback(bind), "insecure-no-auth",
                "is only accepted when bound to loopback, but bind is " + bind);
    }

    /** Defaults for tests and embedding: loopback, a free port, the given data dir. */
    public static EngineConfig forDataDir(Path dataDir) {
        return new EngineConfig(DEFAULT_BIND, 0, dataDir, Optional.empty(), Optional.empty(), false, DEFAULT_RUNNERS,
                DEFAULT_LEASE, java.util.List.of(), false, RateLimits.DEFAULTS, Optional.empty(),
                java.util.List.of());
    }

    public EngineConfig withPort(int newPort) {
        return new EngineConfig(bind, newPort, dataDir, dbUrl, redisUrl, insecureNoAuth, runners, lease, workspaceRoots, keepWorktrees, rateLimits, tokenFile, mcpHosts);
    }

    public EngineConfig withDbUrl(String url) {
        return new EngineConfig(bind, port, dataDir, Optional.of(url), redisUrl, insecureNoAuth, runners, lease, workspaceRoots, keepWorktrees, rateLimits, tokenFile, mcpHosts);
    }

    public EngineConfig withRunners(int n) {
        return new EngineConfig(bind, port, dataDir, dbUrl, redisUrl, insecureNoAuth, n, lease, workspaceRoots, keepWorktrees, rateLimits, tokenFile, mcpHosts);
    }

    public EngineConfig withLease(java.time.Duration d) {
        return new EngineConfig(bind, port, dataDir, dbUrl, redisUrl, insecureNoAuth, runners, d, workspaceRoots, keepWorktrees, rateLimits, tokenFile, mcpHosts);
    }

    public EngineConfig withWorkspaceRoots(java.util.List<Path> roots) {
        return new EngineConfig(bind, port, dataDir, dbUrl, redisUrl, insecureNoAuth, runners, lease, roots, keepWorktrees, rateLimits, tokenFile, mcpHosts);
    }

    public EngineConfig withKeepWorktrees(boolean keep) {
        return new EngineConfig(bind, port, dataDir, dbUrl, redisUrl, insecureNoAuth, runners, lease, workspaceRoots, keep, rateLimits, tokenFile, mcpHosts);
    }

    public EngineConfig withRateLimits(RateLimits limits) {
        return new EngineConfig(bind, port, dataDir, dbUrl, redisUrl, insecureNoAuth, runners, lease, workspaceRoots,
                keepWorktrees, limits, tokenFile, mcpHosts);
    }

    public static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }

    private static void require(boolean ok, String setting, String reason) {
        if (!ok) {
            throw new ConfigException(setting, reason);
        }
    }
}

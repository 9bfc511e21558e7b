package io.ossaat.engine.bus;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.ossaat.engine.DataDir;
import io.ossaat.engine.SecretFile;
import io.ossaat.engine.storage.StorageUnavailableException;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;

/**
 * The engine's Redis: embedded (persistent, loopback only, password in {@code <data-dir>/redis-password}, admin
 * commands disabled, data under {@code <data-dir>/redis}) or external.
 * Carries cross-instance wake-ups over pub/sub. Losing Redis only costs latency: publishers ignore failures and
 * the subscriber reconnects in the background while the engine falls back to polling Postgres.
 */
public final class RedisBus implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisBus.class.getName());

    private final RedisServer embedded;
    private final RedisClient client;
    private final String where;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final Subscriber subscriber = new Subscriber();
    private volatile boolean closed;
    private volatile boolean subscribed;
    private Thread subscriberThread;
    private Thread publisherThread;
    private final java.util.concurrent.BlockingQueue<String[]> outbox = new java.util.concurrent.ArrayBlockingQueue<>(10_000);

    private RedisBus(RedisServer embedded, RedisClient client, String where) {
        this.embedded = embedded;
        this.client = client;
        this.where = where;
    }

    /**
     * Extracts and starts redis-server. Postgres starts at the same time, and a process forked in that instant can
     * inherit the still-open handle of the freshly written binary: exec then fails with ETXTBSY ("Text file busy").
     * That clears within milliseconds, so such a start is tried again (a fresh extraction each time).
     */
    private static RedisServer startEmbedded(Path dir, int port, Path secureConf) throws IOException {
        for (int attempt = 1; ; attempt++) {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dir.toAbsolutePath())
                    .setting("appendonly yes")
                    .setting("protected-mode yes")
                    .setting("pidfile " + dir.resolve("redis.pid").toAbsolutePath())
                    .setting("include " + secureConf.toAbsolutePath())
                    .build();
            try {
                server.start();
                return server;
            } catch (IOException e) {
                if (attempt == 5 || !textFileBusy(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * The password and the disabled commands, in a file only the engine's user can read (the password never
     * appears on a command line). Without CONFIG, DEBUG, MODULE and the replication commands even a client holding
     * the password cannot make Redis write files elsewhere or load code.
     */
    private static Path writeSecureConf(Path dir, String password) throws IOException {
        StringBuilder conf = new StringBuilder("requirepass ").append(password).append('\n');
        for (String command : DISABLED_COMMANDS) {
            conf.append("rename-command ").append(command).append(" \"\"\n");
        }
        Path file = dir.resolve("secure.conf");
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, conf);
        return file;
    }

    /** Redis's admin commands (its ACL category @admin but CLIENT, which clients use on connect) and the flushes. */
    static final List<String> DISABLED_COMMANDS = List.of("CONFIG", "DEBUG", "MODULE", "ACL", "SLAVEOF", "REPLICAOF",
            "REPLCONF", "SYNC", "PSYNC", "FAILOVER", "MIGRATE", "CLUSTER", "SHUTDOWN", "MONITOR", "SAVE", "BGSAVE",
            "BGREWRITEAOF", "LASTSAVE", "LATENCY", "SLOWLOG", "FLUSHALL", "FLUSHDB");

    private static boolean textFileBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Text file busy")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts the embedded Redis or connects to the external one.
     *
     * @throws StorageUnavailableException when Redis cannot be started or reached
     */
    public static RedisBus start(Optional<String> externalUrl, Path dataDir) {
        RedisServer server = null;
        String url;
        if (externalUrl.isPresent()) {
            url = externalUrl.get();
        } else {
            Path dir = dataDir.resolve("redis");
            try {
                Files.createDirectories(dir);
                stopOrphan(dir.resolve("redis.pid"));
                String password = SecretFile.loadOrCreate(dataDir.resolve(DataDir.REDIS_PASSWORD), "").value();
                int port = freePort();
                server = startEmbedded(dir, port, writeSecureConf(dir, password));
                url = "redis://:" + password + "@127.0.0.1:" + port;
            } catch (IOException | RuntimeException e) {
                throw new StorageUnavailableException("embedded Redis could not start in " + dir + ": " + e.getMessage(), e);
            }
        }
        RedisClient client = null;
        try {
            client = client(URI.create(url));
            client.ping();
        } catch (RuntimeException e) {
            if (client != null) {
                client.close();
            }
            stopQuietly(server);
            throw new StorageUnavailableException("Redis at " + redact(url) + " cannot be reached: " + e.getMessage(), e);
        }
        RedisBus bus = new RedisBus(server, client, (server != null ? "embedded " : "") + redact(url));
        bus.startSubscriber();
        bus.publisherThread = Thread.ofVirtual().name("ossaat-redis-publisher").start(bus::publishLoop);
        return bus;
    }

    /** Short timeouts: a Redis that is away must cost a second, not hang a wake-up. */
    private static RedisClient client(URI uri) {
        var config = redis.clients.jedis.DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(1000).socketTimeoutMillis(2000)
                .ssl("rediss".equals(uri.getScheme()));
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            if (parts.length == 2) {
                if (!parts[0].isEmpty()) {
                    config.user(parts[0]);
                }
                config.password(parts[1]);
            } else {
                config.password(parts[0]);
            }
        }
        if (uri.getPath() != null && uri.getPath().matches("/\\d+")) {
            config.database(Integer.parseInt(uri.getPath().substring(1)));
        }
        return RedisClient.builder().hostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())
                .clientConfig(config.build()).build();
    }

    /** Registers a listener for a channel; messages arrive on the subscriber thread, keep listeners quick. */
    public void listen(String channel, Consumer<String> listener) {
        listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /**
     * Publishes best-effort and without blocking: messages go through a small queue to a publisher thread, so a
     * Redis outage (a connect timeout per message) never slows or fails the caller. When the queue is full the
     * message is dropped; wake-ups are hints, the instances poll Postgres anyway.
     */
    public void publish(String channel, String message) {
        outbox.offer(new String[] {channel, message});
    }

    private void publishLoop() {
        while (!closed) {
            try {
                String[] m = outbox.take();
                client.publish(m[0], m[1]);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "publish to Redis failed: " + e.getMessage());
            }
        }
    }

    /** Runs a Lua script; fails fast (the client's short timeouts) when Redis is away. */
    public Object eval(String script, List<String> keys, List<String> args) {
        return client.eval(script, keys, args);
    }

    public boolean isUp() {
        try {
            return "PONG".equalsIgnoreCase(client.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether the subscriber is connected (so wake-ups from other instances arrive). */
    public boolean isSubscribed() {
        return subscribed;
    }

    public String where() {
        return where;
    }

    private void startSubscriber() {
        subscriberThread = Thread.ofVirtual().name("ossaat-redis-subscriber").start(() -> {
            long backoffMs = 100;
            while (!closed) {
                try {
                    client.psubscribe(subscriber, "ossaat:*");
                } catch (RuntimeException e) {
                    if (closed) {
                        return;
                    }
                    LOG.log(System.Logger.Level.DEBUG, "Redis subscriber disconnected: " + e.getMessage());
                }
                subscribed = false;
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException e) {
                    return;
                }
                backoffMs = Math.min(5_000, backoffMs * 2);
            }
        });
    }

    private final class Subscriber extends JedisPubSub {
        @Override
        public void onPSubscribe(String pattern, int subscribedChannels) {
            subscribed = true;
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            for (Consumer<String> l : listeners.getOrDefault(channel, List.of())) {
                try {
                    l.accept(message);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "listener on " + channel + " failed", e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (subscribed) {
                subscriber.punsubscribe();
            }
        } catch (RuntimeException ignored) {
            // already disconnected
        }
        if (subscriberThread != null) {
            subscriberThread.interrupt();
        }
        if (publisherThread != null) {
            publisherThread.interrupt();
        }
        client.close();
        stopQuietly(embedded);
    }

    private static void stopQuietly(RedisServer server) {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "embedded Redis did not stop cleanly: " + e.getMessage());
        }
    }

    /** A Redis an earlier engine left running when it was killed would keep writing to our data dir. */
    private static void stopOrphan(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile).trim();
        if (!text.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(text))
                .filter(p -> p.info().command().map(c -> c.contains("redis")).orElse(false))
                .ifPresent(p -> {
                    p.destroy();
                    try {
                        p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String redact(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }
}

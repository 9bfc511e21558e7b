package io.ossaat.engine.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server started from the zonky binaries, with its data kept in a folder so plans survive a
 * restart. A server left running by an engine that was killed is stopped first, so a restart after
 * {@code kill -9} works.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    private final EmbeddedPostgres pg;

    private EmbeddedPostgresServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /**
     * Starts the server. The port is picked free just before start, so another process can take it in between; a
     * start that fails is tried again on a new port.
     */
    static EmbeddedPostgresServer start(Path dataDir) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return startOnce(dataDir);
            } catch (StorageUnavailableException e) {
                last = e;
            }
        }
        throw last;
    }

    private static EmbeddedPostgresServer startOnce(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            stopOrphan(dataDir);
            // binaries are extracted once per machine and shared by every data dir
            Path work = Path.of(System.getProperty("ossaat.pg.binaries",
                    Path.of(System.getProperty("user.home"), ".cache", "ossaat", "postgres").toString()));
            Files.createDirectories(work);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false) // the engine stops it, after its last flush
                    .setOverrideWorkingDirectory(work.toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    // zonky starts Postgres for throw-away test databases (-F, no fsync): ours keeps user data
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // without these a port taken by another server in between hangs the readiness check forever
                    .setConnectConfig("connectTimeout", "5")
                    .setConnectConfig("loginTimeout", "10")
                    .setConnectConfig("socketTimeout", "10")
                    .start();
            return new EmbeddedPostgresServer(pg);
        } catch (IOException | RuntimeException e) {
            throw new StorageUnavailableException("embedded PostgreSQL could not start in " + dataDir + ": "
                    + Database.rootMessage(e), e);
        }
    }

    /** A postmaster.pid whose process still lives belongs to a server an earlier engine left behind. */
    private static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<Long> pid = Files.readAllLines(pidFile).stream().findFirst().map(String::trim)
                .filter(s -> s.matches("\\d+")).map(Long::parseLong);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
        if (orphan.isPresent()) {
            orphan.get().destroy(); // SIGTERM: "smart" shutdown is too slow, but postgres treats TERM as fast shutdown
            try {
                orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                orphan.get().destroyForcibly();
            }
        }
    }

    String jdbcUrl() {
        return pg.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new StorageUnavailableException("embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }
}

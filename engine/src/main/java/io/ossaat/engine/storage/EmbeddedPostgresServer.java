package io.ossaat.engine.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import io.ossaat.engine.SecretFile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server started from the zonky binaries, with its data kept in a folder so plans survive a
 * restart. A server left running by an engine that was killed is stopped first, so a restart after
 * {@code kill -9} works.
 *
 * <p>Every connection, over TCP or the Unix socket, must log in with the password kept in the data dir
 * (scram-sha-256): zonky's {@code initdb -A trust} would let any local user read the engine's files and run
 * programs as its user through SQL. A data dir an older engine created with {@code trust} gets the password and the
 * strict {@code pg_hba.conf} on its first start.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    static final String USER = "postgres";
    static final String HBA = """
            # Written by ossaat on every start: each connection logs in with the password in <data-dir>/pg-password.
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres pg;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres pg, String password) {
        this.pg = pg;
        this.password = password;
    }

    /**
     * Starts the server. The port is picked free just before start, so another process can take it in between; a
     * start that fails is tried again on a new port.
     */
    static EmbeddedPostgresServer start(Path dataDir, Path passwordFile) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return startOnce(dataDir, passwordFile);
            } catch (StorageUnavailableException e) {
                last = e;
            }
        }
        throw last;
    }

    private static EmbeddedPostgresServer startOnce(Path dataDir, Path passwordFile) {
        try {
            Files.createDirectories(dataDir);
            stopOrphan(dataDir);
            String password = SecretFile.loadOrCreate(passwordFile, "").value();
            boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
            boolean trusting = !fresh && !Files.readString(dataDir.resolve("pg_hba.conf")).equals(HBA);
            // binaries are extracted once per machine and shared by every data dir
            Path work = Path.of(System.getProperty("ossaat.pg.binaries",
                    Path.of(System.getProperty("user.home"), ".cache", "ossaat", "postgres").toString()));
            Files.createDirectories(work);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
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
                    // zonky's readiness check logs in too
                    .setConnectConfig("password", password);
            if (fresh) {
                // zonky passes these after its own "-A trust": initdb takes the last one
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
            }
            if (!trusting) {
                builder.setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start(), password);
            if (trusting) {
                try {
                    server.requirePassword(dataDir);
                } catch (RuntimeException e) {
                    server.close();
                    throw e;
                }
            }
            return server;
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

    /**
     * A data dir from an engine that let everyone in: give the user the password, then allow nothing but password
     * logins. Until the reload the server is as open as it always was; a crash in between repeats this next start.
     */
    private void requirePassword(Path dataDir) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), USER, password); Statement st = c.createStatement()) {
            // the password is hex digits: nothing to escape
            st.execute("alter role " + USER + " with password '" + password + "'");
            writeHba(dataDir);
            st.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new StorageUnavailableException("could not set the password of the embedded PostgreSQL in " + dataDir
                    + ": " + e.getMessage(), e);
        }
    }

    private static void writeHba(Path dataDir) {
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), HBA);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String jdbcUrl() {
        return pg.getJdbcUrl(USER, "postgres");
    }

    String password() {
        return password;
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

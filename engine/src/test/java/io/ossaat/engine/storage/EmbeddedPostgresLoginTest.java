package io.ossaat.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.ossaat.engine.DataDir;
import io.ossaat.engine.Engine;
import io.ossaat.engine.testing.SharedEngine;
import io.ossaat.engine.testing.TestEngines;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL lets nobody in without the password in the data dir: with {@code trust} any local user
 * could read the engine's files ({@code pg_read_file}) and run programs as its user ({@code COPY ... TO PROGRAM}).
 */
class EmbeddedPostgresLoginTest {

    @Test
    void aConnectionWithoutThePasswordIsRefused() throws Exception {
        Engine engine = SharedEngine.get();
        String url = jdbcUrl(engine);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guess").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        try (Connection c = DriverManager.getConnection(url, "postgres", password(engine.config().dataDir()))) {
            assertThat(c.isValid(2)).isTrue();
        }
        assertThat(Files.getPosixFilePermissions(engine.config().dataDir().resolve(DataDir.PG_PASSWORD)))
                .hasToString("[OWNER_READ, OWNER_WRITE]");
    }

    /** The Unix socket (zonky's binaries put it in /tmp, open to everyone) asks for the password too. */
    @Test
    void anotherLocalUserCannotLogInOverTheUnixSocket() throws Exception {
        assumeTrue(onPath("psql") && onPath("runuser") && "root".equals(System.getProperty("user.name")),
                "needs psql, runuser and root to act as a second user");
        int port = Integer.parseInt(jdbcUrl(SharedEngine.get()).replaceAll(".*:(\\d+)/.*", "$1"));
        Process p = new ProcessBuilder("runuser", "-u", "nobody", "--", "psql", "-w", "-h", "/tmp", "-p",
                String.valueOf(port), "-U", "postgres", "-c", "select pg_read_file('/etc/hostname')")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).contains("no password supplied");
    }

    /** An older engine's data dir (initdb -A trust, no password) gets the password and keeps its data. */
    @Test
    void aDataDirFromAnEngineThatTrustedEveryoneIsLockedOnStart() throws Exception {
        Path dataDir = TestEngines.newDataDir();
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("pg"))
                .setCleanDataDirectory(false).start();
             Connection c = old.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
            st.execute("create schema earlier");
            st.execute("create table earlier.kept (v text)");
            st.execute("insert into earlier.kept values ('from before')");
        }
        try (Database db = Database.start(Optional.empty(), dataDir, 2); Connection c = db.connection();
             var st = c.createStatement(); var rs = st.executeQuery("select v from earlier.kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("from before");
            String url = db.where().substring("embedded ".length());
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null).close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
            assertThat(Files.readString(dataDir.resolve("pg/pg_hba.conf"))).doesNotContain("trust");
        }
    }

    static String jdbcUrl(Engine engine) {
        return engine.database().where().substring("embedded ".length());
    }

    static String password(Path dataDir) throws java.io.IOException {
        return Files.readString(dataDir.resolve(DataDir.PG_PASSWORD)).trim();
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}

package io.ossaat.engine.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ossaat.engine.DataDir;
import org.flywaydb.core.Flyway;

/**
 * The engine's PostgreSQL: embedded (data kept under {@code <data-dir>/pg}) or external, pooled, migrated.
 */
public final class Database implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private final EmbeddedPostgresServer embedded;
    private final HikariDataSource pool;
    private final HikariDataSource sequencer;
    private final String where;

    private Database(EmbeddedPostgresServer embedded, HikariDataSource pool, HikariDataSource sequencer, String where) {
        this.embedded = embedded;
        this.pool = pool;
        this.sequencer = sequencer;
        this.where = where;
    }

    /**
     * Starts (or connects to) Postgres and applies the migrations.
     *
     * @throws StorageUnavailableException when an external database cannot be reached
     */
    public static Database start(Optional<String> externalUrl, Path dataDir, int poolSize) {
        EmbeddedPostgresServer embedded = null;
        String url;
        if (externalUrl.isPresent()) {
            url = externalUrl.get();
        } else {
            embedded = EmbeddedPostgresServer.start(dataDir.resolve("pg"), dataDir.resolve(DataDir.PG_PASSWORD));
            url = embedded.jdbcUrl();
        }
        String where = externalUrl.isPresent() ? redact(url) : "embedded " + url;
        HikariDataSource pool = null;
        try {
            pool = pool(url, "ossaat-pg", poolSize, embedded);
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            return new Database(embedded, pool, pool(url, "ossaat-pg-sequencer", 1, embedded), where);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw new StorageUnavailableException("PostgreSQL at " + redact(url) + " cannot be reached: "
                    + rootMessage(e), e);
        }
    }

    private static HikariDataSource pool(String url, String name, int poolSize, EmbeddedPostgresServer embedded) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        if (embedded != null) {
            hc.setUsername(EmbeddedPostgresServer.USER);
            hc.setPassword(embedded.password());
        }
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(Math.min(4, poolSize));
        hc.setPoolName(name);
        hc.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        hc.setInitializationFailTimeout(Duration.ofSeconds(5).toMillis());
        hc.setAutoCommit(true);
        // PostgreSQL plans a prepared statement afresh for its first five runs, then may keep one generic plan until
        // the table is analyzed again. On a fresh database that plan is made while the tables are small, so it is a
        // sequential scan, and it stays one while they grow (autovacuum's next analyze is a minute or more away):
        // every plan read then read all of steps. Custom plans are made for each run and follow the table's size.
        hc.setConnectionInitSql("set plan_cache_mode = force_custom_plan");
        return new HikariDataSource(hc);
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * The event sequencer's own connection (a pool of one, which reconnects after an outage as the API's pool does):
     * when requests fill the API's pool, events are still numbered and delivered in time.
     */
    public DataSource sequencerDataSource() {
        return sequencer;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Where the database is, for logs and the console (passwords removed). */
    public String where() {
        return where;
    }

    /** A cheap liveness probe for /readyz. */
    public boolean isUp() {
        try (Connection c = pool.getConnection(); var st = c.createStatement()) {
            st.setQueryTimeout(2);
            return st.execute("select 1");
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            sequencer.close();
            pool.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "database closed");
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}

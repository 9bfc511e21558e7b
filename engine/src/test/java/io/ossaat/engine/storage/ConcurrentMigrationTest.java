package io.ossaat.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.ossaat.engine.testing.TestEngines;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * Three instances start at once on one empty database: Flyway takes a PostgreSQL advisory lock around the
 * migration, so one applies every migration once and the others wait for it and find the schema current.
 */
class ConcurrentMigrationTest {

    @Test
    void threeInstancesStartingAtOnceMigrateTheSchemaOnce() throws Exception {
        Path dir = TestEngines.newDataDir();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                .setCleanDataDirectory(true).start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            int instances = 3;
            CyclicBarrier atOnce = new CyclicBarrier(instances);
            ExecutorService starts = Executors.newFixedThreadPool(instances);
            List<Future<Database>> started = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                Path own = dir.resolve("instance-" + i);
                started.add(starts.submit(() -> {
                    atOnce.await(30, TimeUnit.SECONDS);
                    return Database.start(Optional.of(url), own, 2);
                }));
            }
            List<Database> databases = new ArrayList<>();
            try {
                for (Future<Database> f : started) {
                    databases.add(f.get(120, TimeUnit.SECONDS)); // a failed start throws here
                }
                try (Connection c = databases.getFirst().connection(); var st = c.createStatement()) {
                    ResultSet rs = st.executeQuery("select count(*), count(distinct version), bool_and(success) "
                            + "from flyway_schema_history where version is not null");
                    rs.next();
                    int migrations = migrationFiles();
                    assertThat(rs.getInt(1)).as("migrations applied").isEqualTo(migrations);
                    assertThat(rs.getInt(2)).as("distinct versions").isEqualTo(migrations);
                    assertThat(rs.getBoolean(3)).isTrue();
                    rs = st.executeQuery("select count(*) from information_schema.tables where table_schema = "
                            + "'public' and table_name in ('plans', 'steps', 'events', 'mcp_sessions')");
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(4);
                }
            } finally {
                databases.forEach(Database::close);
                starts.shutdownNow();
            }
        }
    }

    private static int migrationFiles() throws Exception {
        var folder = ConcurrentMigrationTest.class.getClassLoader().getResource("db/migration");
        try (var files = java.nio.file.Files.list(Path.of(folder.toURI()))) {
            return (int) files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }
}

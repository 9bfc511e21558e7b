package io.ossaat.engine.slo;

import static io.ossaat.engine.slo.Traffic.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import io.ossaat.engine.testing.MutableClock;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store on a real PostgreSQL, and the monitor's restart and multi-instance behaviour through it. */
class JdbcSloStoreTest {
    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        sql("truncate slo_buckets");
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static SloMonitor monitor(String instance, MutableClock clock) {
        return SloMonitor.builder().definitions(List.of(SloConfig.loadDefault().getFirst())).clock(clock)
                .store(new JdbcSloStore(dataSource, instance)).build();
    }

    private static void requests(SloMonitor m, int count, int bad) {
        for (int i = 0; i < count; i++) {
            m.recordRequest("GET", "/v1/plans", i < bad ? 500 : 200, 1_000);
        }
    }

    @Test
    void saveAddsDeltasPerInstanceAndLoadSumsThem() {
        JdbcSloStore a = new JdbcSloStore(dataSource, "a");
        JdbcSloStore b = new JdbcSloStore(dataSource, "b");
        Instant bucket = T0.plusSeconds(3600);

        a.save(List.of(new SloBucket("x", bucket, 3600, 10, 9), new SloBucket("x", T0, 3600, 1, 1),
                       new SloBucket("x", bucket, 300, 7, 7)));
        a.save(List.of(new SloBucket("x", bucket, 3600, 5, 5)));
        b.save(List.of(new SloBucket("x", bucket, 3600, 3, 1), new SloBucket("y", bucket, 3600, 2, 2)));

        assertThat(a.load(3600, bucket)).containsExactly(
                new SloBucket("x", bucket, 3600, 18, 15), new SloBucket("y", bucket, 3600, 2, 2));
        assertThat(b.load(3600, T0)).hasSize(3);
        assertThat(a.load(300, T0)).containsExactly(new SloBucket("x", bucket, 300, 7, 7));

        a.prune(3600, bucket);
        assertThat(a.load(3600, T0)).extracting(SloBucket::start).containsOnly(bucket);
        assertThat(a.load(300, T0)).hasSize(1);
    }

    @Test
    void aRestartedMonitorHasTheSameBudgetAndBurnRates() {
        MutableClock clock = new MutableClock(T0);
        SloMonitor before = monitor("a", clock);
        for (int day = 0; day < 10; day++) { // ten days of traffic, a bad last hour
            clock.set(T0.plus(Duration.ofDays(day)));
            requests(before, 1_000, 0);
        }
        clock.set(T0.plus(Duration.ofDays(10)));
        requests(before, 500, 20);
        clock.advance(Duration.ofMinutes(7));
        requests(before, 500, 0);
        assertThat(before.flush()).isTrue();
        SloStatus beforeStatus = before.statuses().getFirst();

        SloMonitor after = monitor("a", clock);
        assertThat(after.statuses().getFirst().totalEvents()).isZero();
        after.start();
        SloStatus afterStatus = after.statuses().getFirst();

        assertThat(afterStatus).isEqualTo(beforeStatus);
        assertThat(afterStatus.totalEvents()).isEqualTo(11_000);
        assertThat(afterStatus.goodEvents()).isEqualTo(10_980);
        assertThat(afterStatus.burnRates().get("5m")).isZero();
        assertThat(afterStatus.burnRates().get("30m")).isEqualTo(20.0); // 20 of 1,000 / 0.001
    }

    @Test
    void twoInstancesAddUp() {
        MutableClock clock = new MutableClock(T0);
        SloMonitor a = monitor("a", clock);
        SloMonitor b = monitor("b", clock);
        a.start();
        b.start();
        requests(a, 300, 3);
        requests(b, 200, 2);
        a.flush();
        b.flush();
        a.flush();

        assertThat(a.statuses().getFirst().totalEvents()).isEqualTo(500);
        assertThat(b.statuses().getFirst().totalEvents()).isEqualTo(500);
        assertThat(a.statuses().getFirst().goodEvents()).isEqualTo(495);

        clock.advance(Duration.ofSeconds(5));
        requests(a, 10, 0); // not flushed yet: counted by a, not yet seen by b
        assertThat(a.statuses().getFirst().totalEvents()).isEqualTo(510);
        b.flush();
        assertThat(b.statuses().getFirst().totalEvents()).isEqualTo(500);
        a.flush();
        b.flush();
        assertThat(b.statuses().getFirst().totalEvents()).isEqualTo(510);
        assertThat(a.statuses().getFirst().totalEvents()).isEqualTo(510);
    }

    @Test
    void aFailedFlushKeepsTheDeltasForTheNextOne() throws SQLException {
        MutableClock clock = new MutableClock(T0);
        SloMonitor m = monitor("a", clock);
        requests(m, 100, 1);
        sql("alter table slo_buckets rename to slo_buckets_away");
        try {
            assertThat(m.flush()).isFalse();
            assertThat(m.statuses().getFirst().totalEvents()).isEqualTo(100);
            requests(m, 50, 0);
        } finally {
            sql("alter table slo_buckets_away rename to slo_buckets");
        }
        assertThat(m.flush()).isTrue();
        assertThat(m.statuses().getFirst().totalEvents()).isEqualTo(150);

        SloMonitor restarted = monitor("a", clock);
        restarted.start();
        assertThat(restarted.statuses().getFirst().totalEvents()).isEqualTo(150);
        assertThat(restarted.statuses().getFirst().goodEvents()).isEqualTo(149);
    }
}

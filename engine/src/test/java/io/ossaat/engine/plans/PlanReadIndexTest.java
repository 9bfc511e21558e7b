package io.ossaat.engine.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import io.ossaat.engine.storage.Database;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.Test;

/**
 * A plan read looks its steps up by index however the steps table has grown since the connection first read a plan.
 * On a fresh database a statement the connection prepared while the tables were small must not keep the plan that
 * was cheapest then (a sequential scan) while the table grows and autovacuum has not analyzed it again.
 */
class PlanReadIndexTest {

    @Test
    void readingAPlanDoesNotScanAllStepsAfterTheTableGrew() throws SQLException {
        try (Database db = Database.start(Optional.empty(), TestEngines.newDataDir(), 2);
             Connection c = db.connection()) {
            // a young database: autovacuum analyzed the tables while they were small, and has not come back yet
            insertPlans(c, "small-", 20);
            try (var st = c.createStatement()) {
                st.execute("analyze plans, steps, approvals");
                st.execute("alter table steps set (autovacuum_enabled = false)");
            }
            // the first reads, a plan and a page of 20 plans in turn as the API's users do: the connection prepares
            // the statements (pgjdbc after 5 uses) and PostgreSQL would then settle on a plan for each
            for (int i = 0; i < 20; i++) {
                assertThat(PlanStore.find(c, "small-" + i)).isPresent();
                assertThat(PlanStore.list(c, null, null, null, 20, Long.MAX_VALUE).plans()).hasSize(20);
            }
            insertPlans(c, "big-", 5_000);
            // counted inside one transaction, as a difference: the backend's pending counters still hold the small
            // reads' scans until it flushes them (at most once a second, and only between transactions)
            c.setAutoCommit(false);
            long before = pendingSeqScansOfSteps(c);
            for (int i = 0; i < 5; i++) {
                assertThat(PlanStore.find(c, "big-" + (i * 997)).orElseThrow().steps()).hasSize(4);
            }
            assertThat(pendingSeqScansOfSteps(c) - before).as("sequential scans of steps by 5 plan reads").isZero();
            c.rollback();
        }
    }

    private static void insertPlans(Connection c, String prefix, int n) throws SQLException {
        try (PreparedStatement plans = c.prepareStatement("""
                insert into plans (id, goal, agent, inputs, labels, state, created_at, updated_at)
                select ? || g, 'read me', 'careful', '{}', '{}', 'waiting_approval', now(), now()
                  from generate_series(0, ? - 1) g""");
             PreparedStatement steps = c.prepareStatement("""
                insert into steps (plan_id, id, position, action, tool, capability, capability_label,
                                   approval_required, timeout_seconds, state)
                select ? || g, 's' || p, p, 'index', 'repo_indexer', 'repo.read', 'read the repository', true, 60,
                       'waiting_approval'
                  from generate_series(0, ? - 1) g, generate_series(0, 3) p""")) {
            for (PreparedStatement ps : new PreparedStatement[] {plans, steps}) {
                ps.setString(1, prefix);
                ps.setInt(2, n);
                ps.executeUpdate();
            }
        }
    }

    private static long pendingSeqScansOfSteps(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select coalesce(seq_scan, 0) from pg_stat_xact_user_tables where relname = 'steps'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}

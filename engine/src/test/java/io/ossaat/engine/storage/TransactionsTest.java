package io.ossaat.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.Test;

/** How a transaction's failure is reported, on a real PostgreSQL. */
class TransactionsTest {

    @Test
    void aTransactionWhoseServerEndsItsConnectionIsJudgedUnavailable() {
        try (Database db = Database.start(Optional.empty(), TestEngines.newDataDir(), 2)) {
            Transactions tx = new Transactions(db.dataSource());
            // the server ends the session under the transaction, as a restart does (SQLSTATE 57P01); the rollback
            // that follows fails on the closed connection and must not hide why
            DataAccessException e = catchThrowableOfType(DataAccessException.class, () -> tx.inTransaction(c -> {
                try (var st = c.createStatement()) {
                    return st.execute("select pg_terminate_backend(pg_backend_pid())");
                }
            }));
            assertThat(e.sqlState()).isEqualTo("57P01");
            assertThat(e.kind()).isEqualTo(DataAccessException.Kind.UNAVAILABLE);
            boolean next = tx.inTransaction(c -> c.isValid(1));
            assertThat(next).as("the pool gives a live connection next").isTrue();
        }
    }

    /**
     * A snapshot read sets its isolation for its own transaction: the session's level is never changed, so nothing
     * has to be sent to change it back (pgjdbc's setTransactionIsolation costs a statement before and after).
     */
    @Test
    void aSnapshotSeesOneSnapshotWithoutChangingTheSessionsLevel() {
        try (Database db = Database.start(Optional.empty(), TestEngines.newDataDir(), 2)) {
            Transactions tx = new Transactions(db.dataSource());
            tx.inTransaction(c -> c.createStatement().execute("create table t (n int); insert into t values (1)"));
            List<String> seen = tx.snapshot(c -> {
                String levels = one(c, "select current_setting('transaction_isolation') || ' / '"
                        + " || current_setting('default_transaction_isolation')");
                String before = one(c, "select count(*) from t");
                // another connection commits between the snapshot's two reads
                tx.inTransaction(o -> o.createStatement().execute("insert into t values (2)"));
                return List.of(levels, before, one(c, "select count(*) from t"));
            });
            assertThat(seen).containsExactly("repeatable read / read committed", "1", "1");
            String after = tx.inTransaction(c -> one(c, "select current_setting('transaction_isolation')"));
            assertThat(after).isEqualTo("read committed");
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

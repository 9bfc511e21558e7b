package io.ossaat.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
}

package io.ossaat.engine.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** Runs work in one JDBC transaction: commit on success, roll back on any exception. */
public final class Transactions {
    private final DataSource dataSource;

    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) {
        return transaction(work, null);
    }

    /**
     * Read-only work that sees one snapshot: several statements (a plan row, then its steps) agree with each
     * other even while runners commit in between.
     */
    public <T> T snapshot(Work<T> work) {
        return transaction(work, "set transaction isolation level repeatable read");
    }

    /**
     * @param isolation a {@code set transaction} statement for this transaction alone, or null for read committed. It
     *                  travels with the transaction's begin in one round trip and needs no reset afterwards, where
     *                  {@link Connection#setTransactionIsolation} costs a round trip to set the session's level and
     *                  another to restore it.
     */
    private <T> T transaction(Work<T> work, String isolation) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
                if (isolation != null) {
                    try (Statement st = c.createStatement()) {
                        st.execute(isolation);
                    }
                }
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                // when the server went away, the rollback and the reset fail too ("Connection is closed", without a
                // SQLSTATE): the error that broke the transaction is the one to judge it by
                try {
                    c.rollback();
                    c.setAutoCommit(true);
                } catch (SQLException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
                throw e;
            }
            c.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Read-only work of one statement, outside an explicit transaction. */
    public <T> T read(Work<T> work) {
        return oneStatement(work);
    }

    /**
     * Work of one statement in autocommit: the statement is its own transaction (all or nothing), so a write costs
     * one round trip instead of two (the statement, which carries its begin, then the commit).
     */
    public <T> T oneStatement(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}

package io.ossaat.engine.storage;

import java.sql.Connection;
import java.sql.SQLException;

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
        return transaction(work, Connection.TRANSACTION_READ_COMMITTED);
    }

    /**
     * Read-only work that sees one snapshot: several statements (a plan row, then its steps) agree with each
     * other even while runners commit in between.
     */
    public <T> T snapshot(Work<T> work) {
        return transaction(work, Connection.TRANSACTION_REPEATABLE_READ);
    }

    private <T> T transaction(Work<T> work, int isolation) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                c.setTransactionIsolation(isolation);
            }
            T result;
            try {
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                // when the server went away, the rollback and the reset fail too ("Connection is closed", without a
                // SQLSTATE): the error that broke the transaction is the one to judge it by
                try {
                    c.rollback();
                    reset(c, isolation);
                } catch (SQLException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
                throw e;
            }
            reset(c, isolation);
            return result;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private static void reset(Connection c, int isolation) throws SQLException {
        if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        c.setAutoCommit(true);
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

package io.ossaat.engine.storage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** A database call failed; {@link #kind()} says whether the database, the request or the engine is to blame. */
public final class DataAccessException extends RuntimeException {
    /** Why a database call failed, judged from its SQLSTATE. */
    public enum Kind {
        /** The database cannot be reached, is shutting down, is out of resources or aborted a transaction to
         *  resolve a conflict: the same request may succeed later. */
        UNAVAILABLE,
        /** The request holds a value the database refuses (a NUL character, a number out of range): a retry
         *  fails the same way. */
        BAD_DATA,
        /** Anything else: a bug in the engine's SQL. */
        BUG
    }

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }

    public Kind kind() {
        SQLException e = (SQLException) getCause();
        String state = e.getSQLState();
        if (e instanceof SQLTransientConnectionException) {
            return Kind.UNAVAILABLE; // the pool gave no connection in time; it may carry no state of its own
        }
        if (state == null || state.length() < 2) {
            return Kind.BUG;
        }
        return switch (state.substring(0, 2)) {
            case "08", "53", "57", "58" -> Kind.UNAVAILABLE; // connection, resources, shutdown, system
            case "40" -> Kind.UNAVAILABLE; // serialization failure or deadlock: retrying is the remedy
            case "22", "23" -> Kind.BAD_DATA; // data exception, integrity constraint
            default -> Kind.BUG;
        };
    }
}

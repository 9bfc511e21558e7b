package io.ossaat.engine.storage;

import java.sql.SQLException;

/** A database call failed for a reason the caller cannot fix (the web layer answers 503). */
public final class DataAccessException extends RuntimeException {
    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }
}

package io.ossaat.engine.storage;

/** Postgres or Redis could not be started or reached; the message says which and where. */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

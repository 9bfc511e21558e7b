package io.ossaat.loadtest;

/** The SLO file cannot be read or does not have the shape the load tests need; the message says where. */
public final class SloFileException extends RuntimeException {
    public SloFileException(String message) {
        super(message);
    }

    public SloFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.ossaat.engine.slo;

/** The SLO store could not be read or written. */
public final class SloStoreException extends RuntimeException {
    public SloStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

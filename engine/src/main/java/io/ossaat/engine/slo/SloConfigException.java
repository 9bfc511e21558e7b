package io.ossaat.engine.slo;

/** An SLO file that cannot be used; the message names the file, the SLO and the problem. */
public final class SloConfigException extends RuntimeException {
    SloConfigException(String message) {
        super(message);
    }

    SloConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

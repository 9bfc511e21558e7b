package io.ossaat.console.client;

/**
 * Receives the items of a server-sent event stream. Called on the stream's own (virtual) thread, never on
 * the FX thread: hop over with {@code Platform.runLater} before touching the UI.
 */
public interface StreamListener<T> {

    enum Status { CONNECTING, OPEN, RETRYING, CLOSED }

    void onItem(T item);

    /** The connection changed; {@code detail} says why when it is RETRYING. */
    default void onStatus(Status status, String detail) {
    }
}

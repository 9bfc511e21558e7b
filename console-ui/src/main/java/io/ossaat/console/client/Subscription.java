package io.ossaat.console.client;

/** A live stream; {@link #close()} ends it and stops reconnecting. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}

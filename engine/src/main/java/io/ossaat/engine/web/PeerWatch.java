package io.ossaat.engine.web;

import io.helidon.common.buffers.DataReader;

/**
 * Tells a streaming response that its client has closed the connection, so the stream ends (and gives back its
 * slot) at once instead of at its next write, which may be a keep-alive many seconds away. A client reading a
 * stream sends nothing more on its connection, so a virtual thread waits for the connection's next byte: the end
 * of input (or a broken connection) means the client has gone, as a proxy would take it too. Bytes that do come
 * stay in the reader for the server, and the watch ends without a verdict.
 */
final class PeerWatch {
    private final Thread streamer = Thread.currentThread();
    private boolean waiting; // guarded by this: the streamer is in await, where an interrupt is safe
    private boolean gone;    // guarded by this

    private PeerWatch() {
    }

    /** A blocking wait of the streamer, such as polling its subscription. */
    interface Wait<T> {
        T get() throws InterruptedException;
    }

    /** Starts watching the connection that the calling thread (the streamer) is answering on. */
    static PeerWatch start(DataReader connection) {
        PeerWatch watch = new PeerWatch();
        Thread.ofVirtual().name("ossaat-stream-peer").start(() -> watch.watch(connection));
        return watch;
    }

    private void watch(DataReader connection) {
        try {
            connection.ensureAvailable(); // reads without consuming
            return;
        } catch (RuntimeException e) {
            // end of input, or the connection broke
        }
        synchronized (this) {
            gone = true;
            if (waiting) {
                streamer.interrupt();
            }
        }
    }

    /** True once the client has gone. */
    synchronized boolean gone() {
        return gone;
    }

    /**
     * Runs a wait of the streamer that the client's leaving cuts short; returns null then. Only here is the
     * streamer interrupted: not while it writes or reads the database.
     */
    <T> T await(Wait<T> wait) throws InterruptedException {
        synchronized (this) {
            if (gone) {
                return null;
            }
            waiting = true;
        }
        try {
            return wait.get();
        } catch (InterruptedException e) {
            if (!gone()) {
                throw e;
            }
            return null;
        } finally {
            synchronized (this) {
                waiting = false;
                if (gone) {
                    Thread.interrupted(); // the watch's interrupt, if it came as the wait returned
                }
            }
        }
    }
}

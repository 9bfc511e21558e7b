package io.ossaat.engine.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Closes a connection whose request headers do not all arrive within {@link #TIMEOUT} of its request line
 * (slow-loris). The request line itself is covered by the server's idle-connection timeout
 * ({@link ApiServer#KEEP_ALIVE}), which interrupts a connection that has waited that long for it; the headers are read
 * after it, where that timeout does not reach.
 * Listener calls for one connection come on that connection's own thread, so the armed alarm is thread-local.
 */
final class RequestHeadDeadline implements Http1ConnectionListener {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ossaat-head-deadline").factory());
    private static final ThreadLocal<ScheduledFuture<?>> ALARM = new ThreadLocal<>();

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        Thread reader = Thread.currentThread();
        ALARM.set(TIMER.schedule(reader::interrupt, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        ScheduledFuture<?> alarm = ALARM.get();
        ALARM.remove();
        if (alarm != null && !alarm.cancel(false)) {
            // the alarm fired as the last header arrived: the head was late, and the interrupt closes the connection
            Thread.currentThread().interrupt();
        }
    }
}

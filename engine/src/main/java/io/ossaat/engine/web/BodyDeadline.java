package io.ossaat.engine.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.http.ServerRequest;
import io.ossaat.engine.problems.ApiProblem;

/**
 * Reads a request body within a deadline. The server's socket read timeout does not apply to its NIO channels, so a
 * client that declares a body and never sends it would hold a handler forever; interrupting the handler's virtual
 * thread closes that connection instead.
 */
final class BodyDeadline {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ossaat-body-deadline");
        t.setDaemon(true);
        return t;
    });

    private BodyDeadline() {
    }

    static byte[] read(ServerRequest req) {
        Thread reader = Thread.currentThread();
        ScheduledFuture<?> alarm = TIMER.schedule(reader::interrupt, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return req.content().as(byte[].class);
        } catch (NumberFormatException | DataReader.IncorrectNewLineException e) {
            throw new ApiProblem.InvalidInput("the body's chunked transfer coding is malformed: chunk sizes are hex"
                    + " digits alone on a line ending in CRLF");
        } catch (RuntimeException e) {
            if (Thread.interrupted()) {
                throw new ApiProblem.InvalidInput("the request body did not arrive within " + TIMEOUT.toSeconds() + " s");
            }
            throw e;
        } finally {
            alarm.cancel(false);
            Thread.interrupted(); // an alarm that fired just after the read must not leak into the handler
        }
    }
}

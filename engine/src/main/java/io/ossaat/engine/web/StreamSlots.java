package io.ossaat.engine.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Caps the SSE streams open at once, per principal and in total: each holds a connection and a virtual thread
 * for as long as the client likes. A stream over either cap is refused with 429 before it starts. A request at a
 * cap first waits up to {@link #GRACE} for a slot: a client that closes a stream and opens the next at once may
 * otherwise arrive before the engine, which learns of the close on another thread, has given the old slot back.
 */
final class StreamSlots {
    static final int PER_PRINCIPAL = 500;
    static final int TOTAL = 1000;
    static final Duration GRACE = Duration.ofSeconds(1);
    private static final String RETRY_AFTER_SECONDS = "5";

    private final int perPrincipal;
    private final int total;
    private final Semaphore open;
    private final ConcurrentHashMap<String, Semaphore> byPrincipal = new ConcurrentHashMap<>();

    StreamSlots(int perPrincipal, int total) {
        this.perPrincipal = perPrincipal;
        this.total = total;
        this.open = new Semaphore(total);
    }

    /** A taken slot; closing it gives the slot back. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes a slot for the request's principal, or answers 429 and returns null. */
    Slot take(ServerRequest req, ServerResponse res) {
        String who = ApiServer.principal(req).map(io.ossaat.engine.auth.Principal::key).orElse("anonymous");
        Semaphore mine = byPrincipal.computeIfAbsent(who, k -> new Semaphore(perPrincipal));
        if (!acquire(mine)) {
            return refuse(res, "token-streams", perPrincipal,
                    "this token has " + perPrincipal + " event streams open, the most it may");
        }
        if (!acquire(open)) {
            mine.release();
            return refuse(res, "engine-streams", total,
                    "the engine has " + total + " event streams open, the most it serves");
        }
        return () -> {
            open.release();
            mine.release();
        };
    }

    private static boolean acquire(Semaphore slots) {
        try {
            return slots.tryAcquire() || slots.tryAcquire(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping
            return false;
        }
    }

    /** The RateLimit headers as the request-rate limits send them, for a quota of streams open at once. */
    private static Slot refuse(ServerResponse res, String policy, int quota, String detail) {
        res.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        res.header(HeaderNames.create("RateLimit-Policy"), "\"" + policy + "\";q=" + quota);
        res.header(HeaderNames.create("RateLimit"), "\"" + policy + "\";r=0;t=" + RETRY_AFTER_SECONDS);
        Problems.send(res, 429, "Too Many Requests", detail + "; close one or retry later", List.of());
        return null;
    }
}

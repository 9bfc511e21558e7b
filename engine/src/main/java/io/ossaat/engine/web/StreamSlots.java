package io.ossaat.engine.web;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Caps the SSE streams open at once, per principal and in total: each holds a connection and a virtual thread
 * for as long as the client likes. A stream over either cap is refused with 429 before it starts.
 */
final class StreamSlots {
    static final int PER_PRINCIPAL = 500;
    static final int TOTAL = 1000;

    private final int perPrincipal;
    private final int total;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> byPrincipal = new ConcurrentHashMap<>();

    StreamSlots(int perPrincipal, int total) {
        this.perPrincipal = perPrincipal;
        this.total = total;
    }

    /** A taken slot; closing it gives the slot back. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes a slot for the request's principal, or answers 429 and returns null. */
    Slot take(ServerRequest req, ServerResponse res) {
        String who = ApiServer.principal(req).map(io.ossaat.engine.auth.Principal::key).orElse("anonymous");
        AtomicInteger mine = byPrincipal.computeIfAbsent(who, k -> new AtomicInteger());
        if (mine.incrementAndGet() > perPrincipal) {
            mine.decrementAndGet();
            return refuse(res, "this token has " + perPrincipal + " event streams open, the most it may");
        }
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            mine.decrementAndGet();
            return refuse(res, "the engine has " + total + " event streams open, the most it serves");
        }
        return () -> {
            open.decrementAndGet();
            mine.decrementAndGet();
        };
    }

    private static Slot refuse(ServerResponse res, String detail) {
        res.header(HeaderNames.RETRY_AFTER, "5");
        Problems.send(res, 429, "Too Many Requests", detail + "; close one or retry later", List.of());
        return null;
    }
}

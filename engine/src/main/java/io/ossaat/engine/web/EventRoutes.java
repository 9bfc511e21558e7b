package io.ossaat.engine.web;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.ossaat.engine.events.Event;
import io.ossaat.engine.events.EventFeed;
import io.ossaat.engine.events.EventLog;
import io.ossaat.engine.plans.PlanService;
import io.ossaat.engine.problems.ApiProblem;
import io.ossaat.engine.storage.Transactions;

/**
 * SSE of the event log: history after {@code Last-Event-ID} first, then live, with a keep-alive comment every
 * 15 s. The id of each SSE event is the log's sequence number. A stream ends when its client closes the
 * connection ({@link PeerWatch}), or at the first write that fails.
 */
final class EventRoutes implements ApiModule {
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int PAGE = 500;
    private static final io.helidon.http.HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");

    private final Transactions tx;
    private final EventFeed feed;
    private final PlanService plans;

    private final StreamSlots streams;

    EventRoutes(Transactions tx, EventFeed feed, PlanService plans, StreamSlots streams) {
        this.streams = streams;
        this.tx = tx;
        this.feed = feed;
        this.plans = plans;
    }

    @Override
    public void routing(HttpRules rules, RouteTable table) {
        table.route(rules, Method.GET, "/v1/events", (req, res) -> stream(req, res, null))
                .route(rules, Method.GET, "/v1/plans/{id}/events",
                        (req, res) -> stream(req, res, plans.get(req.path().pathParameters().get("id")).id()));
    }

    private void stream(ServerRequest req, ServerResponse res, String planId) {
        long last = lastEventId(req, planId);
        StreamSlots.Slot slot = streams.take(req, res);
        if (slot == null) {
            return;
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("X-Accel-Buffering"), "no");
        try (slot; EventFeed.Subscription live = feed.subscribe(planId);
             EventStreamWriter out = res.sink(EventStreamWriter.TYPE)) {
            // the headers go out with the first bytes: a reader learns at once that its stream is open
            out.keepAlive();
            out.flush();
            last = replay(out, planId, last);
            while (!out.peer().gone()) {
                if (live.takeOverflow()) {
                    last = replay(out, planId, last);
                    continue;
                }
                Event e = out.peer().await(() -> live.poll(KEEP_ALIVE));
                if (out.peer().gone()) {
                    break; // the client closed its connection: its slot is free now, not at the next write
                }
                if (e == null) {
                    out.keepAlive();
                }
                // whatever else is queued goes out in the same write (after an overflow, up to the gap)
                for (; e != null; e = live.poll(Duration.ZERO)) {
                    if (e.seq() > last) {
                        out.emit(e);
                        last = e.seq();
                    }
                }
                out.flush();
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long replay(EventStreamWriter out, String planId, long after) {
        long last = after;
        List<Event> page;
        do {
            long from = last;
            page = tx.read(c -> EventLog.read(c, from, planId, PAGE));
            for (Event e : page) {
                out.emit(e);
                last = e.seq();
            }
            out.flush();
        } while (page.size() == PAGE);
        return last;
    }

    /**
     * Where the stream starts: after {@code Last-Event-ID} (a reconnect) or {@code ?lastEventId=}; else, on the
     * global stream, {@code ?tail=N} starts with the last N events (a console needs recent history, not all of
     * it); else from the beginning.
     */
    private long lastEventId(ServerRequest req, String planId) {
        var explicit = req.headers().first(LAST_EVENT_ID).or(() -> req.query().first("lastEventId").asOptional());
        if (explicit.isEmpty() && planId == null && req.query().contains("tail")) {
            long tail = nonNegative(req.query().get("tail"), "tail must be a non-negative number of events");
            long head = tx.read(EventLog::lastSeq);
            return Math.max(0, head - tail); // sequence numbers have no gaps: exactly the last N
        }
        return nonNegative(explicit.orElse("0"), "Last-Event-ID must be a non-negative event sequence number");
    }

    private static long nonNegative(String raw, String problem) {
        String text = raw.trim();
        try {
            long id = Long.parseLong(text);
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new ApiProblem.InvalidInput(problem + ", was '" + Problems.safe(text) + "'");
        }
    }
}

package io.ossaat.engine.mcp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.modelcontextprotocol.spec.McpStreamableServerSession;

/**
 * The MCP sessions of this process, by id: each bound to the principal that opened it, with its open streams and
 * when it was last used. Sessions without an open stream are dropped after {@code idleTimeout}.
 */
final class McpSessions {
    private static final System.Logger LOG = System.getLogger(McpSessions.class.getName());

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Clock clock;
    private final int maxPerPrincipal;
    private final int maxTotal;

    McpSessions(Duration idleTimeout, Clock clock, int maxPerPrincipal, int maxTotal) {
        this.idleTimeout = idleTimeout;
        this.clock = clock;
        this.maxPerPrincipal = maxPerPrincipal;
        this.maxTotal = maxTotal;
    }

    /**
     * Why {@code principal} may not open another session (it holds {@code maxPerPrincipal}, or the process holds
     * {@code maxTotal}), or null when it may. Idle sessions are swept first, so only live ones count.
     */
    String refusal(Object principal) {
        sweepIdle();
        if (sessions.size() >= maxTotal) {
            return "this server holds " + maxTotal + " MCP sessions, the most it keeps";
        }
        long mine = sessions.values().stream().filter(s -> Objects.equals(s.principal, principal)).count();
        return mine >= maxPerPrincipal
                ? "this caller holds " + maxPerPrincipal + " MCP sessions, the most it may; end one (DELETE) first"
                : null;
    }

    /** One session: the SDK's state for it, its owner, its streams. */
    static final class Session {
        final McpStreamableServerSession mcp;
        final Object principal;
        final AtomicReference<SseStream> listening = new AtomicReference<>();
        final Set<SseStream> open = ConcurrentHashMap.newKeySet();
        private final AtomicInteger streams = new AtomicInteger();
        private volatile Instant lastSeen;

        private Session(McpStreamableServerSession mcp, Object principal, Instant now) {
            this.mcp = mcp;
            this.principal = principal;
            this.lastSeen = now;
        }

        /** Called before a stream's sink sends its headers: the session counts as in use until it closes. */
        void streamStarting() {
            streams.incrementAndGet();
        }

        void streamClosed(SseStream stream, Instant now) {
            open.remove(stream);
            lastSeen = now;
            streams.decrementAndGet();
        }
    }

    void add(McpStreamableServerSession mcp, Object principal) {
        sessions.put(mcp.getId(), new Session(mcp, principal, clock.instant()));
    }

    /** The session with this id if {@code principal} opened it (marked as used now), else null. */
    Session find(String id, Object principal) {
        Session session = sessions.get(id);
        if (session == null || !Objects.equals(session.principal, principal)) {
            return null;
        }
        session.lastSeen = clock.instant();
        return session;
    }

    Instant now() {
        return clock.instant();
    }

    /** Ends a session: the SDK forgets it (and its subscriptions), its open streams close. */
    void end(String id) {
        Session session = sessions.remove(id);
        if (session == null) {
            return;
        }
        try {
            session.mcp.delete().block();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "MCP session {0} ended with {1}", id, e.toString());
        }
        session.open.forEach(SseStream::close);
    }

    void endAll() {
        List.copyOf(sessions.keySet()).forEach(this::end);
    }

    /** Drops sessions that have no open stream and were not used for {@code idleTimeout}; returns how many. */
    int sweepIdle() {
        Instant cutoff = clock.instant().minus(idleTimeout);
        List<String> idle = new ArrayList<>();
        sessions.forEach((id, s) -> {
            if (s.streams.get() == 0 && s.lastSeen.isBefore(cutoff)) {
                idle.add(id);
            }
        });
        idle.forEach(this::end);
        return idle.size();
    }

    int count() {
        return sessions.size();
    }

    /** Sends a notification to one session, or to all when {@code sessionId} is null; a closed stream drops it. */
    void notify(String sessionId, String method, Object params) {
        if (sessionId == null) {
            sessions.values().forEach(s -> notify(s, method, params));
        } else {
            Session s = sessions.get(sessionId);
            if (s != null) {
                notify(s, method, params);
            }
        }
    }

    private static void notify(Session s, String method, Object params) {
        try {
            s.mcp.sendNotification(method, params).block();
        } catch (RuntimeException e) {
            // no listening stream open, or it just went away: a notification is not worth more
            LOG.log(System.Logger.Level.DEBUG, "MCP notification {0} to session {1} dropped: {2}",
                    method, s.mcp.getId(), e.getMessage());
        }
    }
}

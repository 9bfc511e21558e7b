package io.ossaat.engine.mcp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.modelcontextprotocol.spec.McpStreamableServerSession;

/**
 * The MCP sessions this process serves, by id: each bound to the principal that opened it, with its open streams
 * and when it was last used here. Every session is also kept in a {@link McpSessionStore}: a request naming a
 * session this process has not seen (another instance started it) revives it from its stored initialize request,
 * and one that the store no longer has (ended on another instance, or idle) is gone here too. Sessions without an
 * open stream are dropped after {@code idleTimeout}; the caps ({@code maxPerPrincipal}, {@code maxTotal}) count the
 * sessions this process holds.
 */
final class McpSessions {
    private static final System.Logger LOG = System.getLogger(McpSessions.class.getName());

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final McpSessionStore store;
    private final Function<String, McpStreamableServerSession> revive;
    private final Duration idleTimeout;
    private final Clock clock;
    private final int maxPerPrincipal;
    private final int maxTotal;

    /**
     * @param revive makes this process's copy of a session from its stored initialize request (JSON)
     */
    McpSessions(McpSessionStore store, Function<String, McpStreamableServerSession> revive, Duration idleTimeout,
                Clock clock, int maxPerPrincipal, int maxTotal) {
        this.store = store;
        this.revive = revive;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
        this.maxPerPrincipal = maxPerPrincipal;
        this.maxTotal = maxTotal;
    }

    /** How a principal is written in the store: principals are records, whose text names all their parts. */
    static String key(Object principal) {
        return principal == null ? "" : principal.toString();
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
        final String id;
        final McpStreamableServerSession mcp;
        final Object principal;
        final AtomicReference<SseStream> listening = new AtomicReference<>();
        final Set<SseStream> open = ConcurrentHashMap.newKeySet();
        private final AtomicInteger streams = new AtomicInteger();
        private volatile Instant lastSeen;

        private Session(String id, McpStreamableServerSession mcp, Object principal, Instant now) {
            this.id = id;
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

    /** A new session, kept in the store first so that every instance can serve it once its id is out. */
    void add(McpStreamableServerSession mcp, Object principal, String initialize) {
        Instant now = clock.instant();
        store.save(mcp.getId(), key(principal), initialize, now);
        sessions.put(mcp.getId(), new Session(mcp.getId(), mcp, principal, now));
    }

    /**
     * The session with this id if {@code principal} opened it (marked as used now), revived here when another
     * instance started it; else null.
     */
    Session find(String id, Object principal) {
        Instant now = clock.instant();
        Optional<McpSessionStore.Kept> kept = store.touch(id, now);
        if (kept.isEmpty()) {
            endHere(id); // ended on another instance, or dropped as idle
            return null;
        }
        if (!kept.get().principal().equals(key(principal))) {
            return null;
        }
        Session session = sessions.computeIfAbsent(id, k ->
                new Session(k, revive.apply(kept.get().initialize()), principal, now));
        if (!Objects.equals(session.principal, principal)) {
            return null;
        }
        session.lastSeen = now;
        return session;
    }

    Instant now() {
        return clock.instant();
    }

    /** Ends a session everywhere: the store forgets it, and so does this process. */
    void end(String id) {
        store.delete(id);
        endHere(id);
    }

    /** Ends this process's copy of a session: the SDK forgets it, its open streams close; the store keeps it. */
    private void endHere(String id) {
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

    /** On shutdown: this process lets go of its sessions; they stay in the store for the other instances. */
    void endAll() {
        List.copyOf(sessions.keySet()).forEach(this::endHere);
    }

    /**
     * Drops this process's sessions that have no open stream and were not used here for {@code idleTimeout}, and
     * the stored sessions no instance used for that long; returns how many this process dropped. A session with an
     * open stream is marked as used in the store, so no other instance drops it.
     */
    int sweepIdle() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(idleTimeout);
        List<String> idle = new ArrayList<>();
        sessions.forEach((id, s) -> {
            if (s.streams.get() > 0) {
                store.touch(id, now);
            } else if (s.lastSeen.isBefore(cutoff)) {
                idle.add(id);
            }
        });
        idle.forEach(this::endHere);
        store.deleteIdle(cutoff);
        return idle.size();
    }

    int count() {
        return sessions.size();
    }

    /** The ids of the sessions this instance holds now. */
    Set<String> ids() {
        return Set.copyOf(sessions.keySet());
    }

    /** Sends a notification to one session, or to all when {@code sessionId} is null; a closed stream drops it. */
    void notify(String sessionId, String method, Object params) {
        if (sessionId == null) {
            sessions.values().forEach(s -> notify(s, method, params));
        } else {
            // the SDK names a revived session by its own id, which differs from the id the client holds
            sessions.values().stream()
                    .filter(s -> s.id.equals(sessionId) || s.mcp.getId().equals(sessionId))
                    .findFirst()
                    .ifPresent(s -> notify(s, method, params));
        }
    }

    private static void notify(Session s, String method, Object params) {
        try {
            s.mcp.sendNotification(method, params).block();
        } catch (RuntimeException e) {
            // no listening stream open, or it just went away: a notification is not worth more
            LOG.log(System.Logger.Level.DEBUG, "MCP notification {0} to session {1} dropped: {2}",
                    method, s.id, e.getMessage());
        }
    }
}

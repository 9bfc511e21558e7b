package io.ossaat.engine.mcp;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where MCP sessions are kept beyond one process, so that any instance can serve a session another one started:
 * the engine keeps them in PostgreSQL ({@link JdbcMcpSessionStore}); a transport on its own keeps them in memory.
 */
public interface McpSessionStore {

    /** A kept session: the key of the principal that opened it and its initialize request as JSON. */
    record Kept(String principal, String initialize) {
    }

    void save(String id, String principal, String initialize, Instant now);

    /** Marks the session as used at {@code now}; its record, or empty when it ended or was dropped as idle. */
    Optional<Kept> touch(String id, Instant now);

    void delete(String id);

    /** Drops sessions last used before {@code cutoff}; returns how many. */
    int deleteIdle(Instant cutoff);

    /** Sessions kept in this process's memory only. */
    static McpSessionStore inMemory() {
        record Entry(Kept kept, Instant lastSeen) {
        }
        ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
        return new McpSessionStore() {
            @Override
            public void save(String id, String principal, String initialize, Instant now) {
                entries.put(id, new Entry(new Kept(principal, initialize), now));
            }

            @Override
            public Optional<Kept> touch(String id, Instant now) {
                Entry e = entries.computeIfPresent(id, (k, old) -> new Entry(old.kept(),
                        now.isAfter(old.lastSeen()) ? now : old.lastSeen()));
                return Optional.ofNullable(e).map(Entry::kept);
            }

            @Override
            public void delete(String id) {
                entries.remove(id);
            }

            @Override
            public int deleteIdle(Instant cutoff) {
                int before = entries.size();
                entries.values().removeIf(e -> e.lastSeen().isBefore(cutoff));
                return before - entries.size();
            }
        };
    }
}

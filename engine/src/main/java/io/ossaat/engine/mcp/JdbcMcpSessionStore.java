package io.ossaat.engine.mcp;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import io.ossaat.engine.storage.Transactions;

/** MCP sessions in the {@code mcp_sessions} table, shared by every instance on the database. */
public final class JdbcMcpSessionStore implements McpSessionStore {
    private final Transactions tx;

    public JdbcMcpSessionStore(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public void save(String id, String principal, String initialize, Instant now) {
        tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into mcp_sessions "
                    + "(id, principal, initialize, created_at, last_seen_at) values (?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, principal);
                ps.setString(3, initialize);
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setTimestamp(5, Timestamp.from(now));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Kept> touch(String id, Instant now) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("update mcp_sessions set last_seen_at = "
                    + "greatest(last_seen_at, ?) where id = ? returning principal, initialize")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Kept(rs.getString(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void delete(String id) {
        tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from mcp_sessions where id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int deleteIdle(Instant cutoff) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from mcp_sessions where last_seen_at < ?")) {
                ps.setTimestamp(1, Timestamp.from(cutoff));
                return ps.executeUpdate();
            }
        });
    }
}

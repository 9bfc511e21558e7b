package io.ossaat.engine.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only event log in Postgres.
 *
 * <p>Sequence numbers come from the single {@code event_counter} row, bumped in the caller's transaction. Its row
 * lock is held until that transaction commits, so event-writing transactions commit in sequence order: numbers have
 * no gaps (a rollback gives them back) and a reader that has seen N never later finds a new event below N. Callers
 * append as the last statement of their transaction to keep the lock short.
 */
public final class EventLog {
    private EventLog() {
    }

    /** Appends events in the given connection's transaction and returns them with their sequence numbers. */
    public static List<Event> append(Connection c, List<NewEvent> events, Instant at) throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        long last;
        try (PreparedStatement bump = c.prepareStatement(
                "update event_counter set last_seq = last_seq + ? where id = 1 returning last_seq")) {
            bump.setInt(1, events.size());
            try (ResultSet rs = bump.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("event_counter row is missing: the schema is damaged");
                }
                last = rs.getLong(1);
            }
        }
        long seq = last - events.size() + 1;
        List<Event> out = new ArrayList<>(events.size());
        try (PreparedStatement ins = c.prepareStatement(
                "insert into events (seq, plan_id, step_id, state, attempt, summary, occurred_at) values (?,?,?,?,?,?,?)")) {
            Timestamp ts = Timestamp.from(at);
            for (NewEvent e : events) {
                ins.setLong(1, seq);
                ins.setString(2, e.planId());
                ins.setString(3, e.stepId());
                ins.setString(4, e.state().wire());
                ins.setInt(5, e.attempt());
                ins.setString(6, e.summary());
                ins.setTimestamp(7, ts);
                ins.addBatch();
                out.add(new Event(seq, e.planId(), e.stepId(), e.state().wire(), e.attempt(), e.summary(), at));
                seq++;
            }
            ins.executeBatch();
        }
        return out;
    }

    /** Events after {@code afterSeq} in order, optionally of one plan, at most {@code limit}. */
    public static List<Event> read(Connection c, long afterSeq, String planId, int limit) throws SQLException {
        String sql = planId == null
                ? "select * from events where seq > ? order by seq limit ?"
                : "select * from events where seq > ? and plan_id = ? order by seq limit ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, afterSeq);
            if (planId != null) {
                ps.setString(i++, planId);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Event> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Event(rs.getLong("seq"), rs.getString("plan_id"), rs.getString("step_id"),
                            rs.getString("state"), rs.getInt("attempt"), rs.getString("summary"),
                            rs.getTimestamp("occurred_at").toInstant()));
                }
                return out;
            }
        }
    }

    public static long lastSeq(Connection c) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("select coalesce(max(seq), 0) from events")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

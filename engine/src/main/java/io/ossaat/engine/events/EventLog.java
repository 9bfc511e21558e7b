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
 * <p>A writer appends its events in its own transaction without a sequence number: each gets only an entry number
 * from a sequence, in the order written. After commit, {@link #sequence} numbers every committed event that has no
 * number yet, in entry order, under the {@code event_counter} row lock, in a transaction of its own. So writers
 * never wait for each other's commits, while sequence numbers stay gapless and become visible in order: a reader
 * that has seen N never later finds a new event below N, whichever engine instance wrote or numbered it. A writer
 * that waited for another's row lock appends after that one committed, so its events get later entry numbers and
 * later sequence numbers: the events of one plan keep the order they happened in.
 */
public final class EventLog {
    private static final String INSERT =
            "insert into events (plan_id, step_id, state, attempt, summary, occurred_at) values (?,?,?,?,?,?)";
    private static final String ANY_UNNUMBERED = "select exists (select 1 from events where seq is null)";
    /*
     * Without bitmap scans for the rest of the pass's transaction: a numbered event leaves a dead entry in the
     * events_unsequenced index until a vacuum. A bitmap scan visits each dead entry's row on every pass and never
     * marks the entry dead; an index scan marks it, and later passes skip it. With bitmap scans a pass cost grew
     * with every event numbered since the last vacuum (17-19 ms instead of 8-11 ms at 370,000 events).
     */
    private static final String LOCK = "select set_config('enable_bitmapscan', 'off', true), last_seq"
            + " from event_counter where id = 1 for update";
    private static final String NUMBER = """
            with next as (
                select entry, row_number() over (order by entry) as n from events
                 where seq is null order by entry limit ?)
            update events e set seq = ? + next.n from next where e.entry = next.entry""";
    private static final String BUMP = "update event_counter set last_seq = ? where id = 1";

    private EventLog() {
    }

    /** Appends events in the given connection's transaction; they are numbered after it commits. */
    public static void append(Connection c, List<NewEvent> events, Instant at) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement(INSERT)) {
            Timestamp ts = Timestamp.from(at);
            for (NewEvent e : events) {
                ins.setString(1, e.planId());
                ins.setString(2, e.stepId());
                ins.setString(3, e.state().wire());
                ins.setInt(4, e.attempt());
                ins.setString(5, e.summary());
                ins.setTimestamp(6, ts);
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /**
     * {@link #append} as a clause of a data-modifying {@code WITH} statement: {@code name as (insert into events ...)},
     * appending {@code count} events, in the order given, when the relation {@code gate} has a row, none when it is
     * empty. A writer that makes its rows in one statement uses it to write in one round trip. Bind its parameters
     * with {@link #bindClause}.
     */
    public static String appendClause(String name, String gate, int count) {
        StringBuilder sql = new StringBuilder(name).append(" as (insert into events (plan_id, step_id, state, attempt, ")
                .append("summary, occurred_at) select v.plan_id, v.step_id, v.state, v.attempt, v.summary, v.occurred_at")
                .append(" from ").append(gate).append(", (values ");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ", ").append('(').append(i)
                    .append(", ?::text, ?::text, ?::text, ?::int, ?::text, ?::timestamptz)");
        }
        // in this order: the entry numbers, and so the sequence numbers, follow it
        return sql.append(") as v (n, plan_id, step_id, state, attempt, summary, occurred_at) order by v.n)").toString();
    }

    /**
     * Binds the parameters of {@link #appendClause} from index {@code from}.
     *
     * @return the index of the next parameter
     */
    public static int bindClause(PreparedStatement ps, int from, List<NewEvent> events, Instant at)
            throws SQLException {
        Timestamp ts = Timestamp.from(at);
        int i = from;
        for (NewEvent e : events) {
            ps.setString(i++, e.planId());
            ps.setString(i++, e.stepId());
            ps.setString(i++, e.state().wire());
            ps.setInt(i++, e.attempt());
            ps.setString(i++, e.summary());
            ps.setTimestamp(i++, ts);
        }
        return i;
    }

    /**
     * Numbers up to {@code limit} committed events that have none yet, in the order they were written. Run it in a
     * transaction of its own: the counter row stays locked until that commits, so passes of several instances take
     * turns and each sees what the one before it numbered.
     *
     * @return how many events it numbered
     */
    public static int sequence(Connection c, int limit) throws SQLException {
        // a look first: taking the lock gives the transaction an id and its commit a WAL flush, even with nothing to do
        try (PreparedStatement any = c.prepareStatement(ANY_UNNUMBERED); ResultSet rs = any.executeQuery()) {
            if (rs.next() && !rs.getBoolean(1)) {
                return 0;
            }
        }
        long last;
        try (PreparedStatement lock = c.prepareStatement(LOCK); ResultSet rs = lock.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("event_counter row is missing: the schema is damaged");
            }
            last = rs.getLong("last_seq");
        }
        int numbered;
        // a statement of its own after the lock: its snapshot sees what the previous pass committed
        try (PreparedStatement number = c.prepareStatement(NUMBER)) {
            number.setInt(1, limit);
            number.setLong(2, last);
            numbered = number.executeUpdate();
        }
        if (numbered > 0) {
            try (PreparedStatement bump = c.prepareStatement(BUMP)) {
                bump.setLong(1, last + numbered);
                bump.executeUpdate();
            }
        }
        return numbered;
    }

    /** Numbered events after {@code afterSeq} in order, optionally of one plan, at most {@code limit}. */
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

    /** The highest sequence number handed out so far (0 for an empty log). */
    public static long lastSeq(Connection c) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("select coalesce(max(seq), 0) from events")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

package io.ossaat.engine.plans;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ossaat.engine.Json;
import io.ossaat.engine.events.EventLog;
import io.ossaat.engine.events.NewEvent;

/** SQL for plans and steps. Every method works inside the caller's connection/transaction. */
public final class PlanStore {
    private PlanStore() {
    }

    /**
     * Inserts a new plan with its steps and their events in one statement (one round trip, and in autocommit its own
     * transaction); nothing when the idempotency key is already taken.
     *
     * @return false when the key was taken
     */
    static boolean insertCreated(Connection c, String id, NewPlan p, String state, String idempotencyKey, Instant now,
                                 List<Planner.PlannedStep> steps, List<StepState> states, List<NewEvent> events)
            throws SQLException {
        StringBuilder sql = new StringBuilder("""
                with plan as (
                    insert into plans (id, goal, agent, workspace, inputs, labels, state, idempotency_key, created_at,
                                       updated_at)
                    values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
                    on conflict (idempotency_key) do nothing
                    returning id)""");
        if (!steps.isEmpty()) {
            sql.append(", plan_steps as (insert into steps (plan_id, id, position, action, tool, capability, ")
                    .append("capability_label, approval_required, timeout_seconds, depends_on, state, run_after, ")
                    .append("approval_command, approval_patch_sha256) select plan.id, v.* from plan, (values ");
            for (int i = 0; i < steps.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?::text, ?::int, ?::text, ?::text, ?::text, ?::text, ")
                        .append("?::boolean, ?::int, ?::text[], ?::text, ?::timestamptz, ?::text, ?::text)");
            }
            sql.append(") as v)");
        }
        sql.append(", ").append(EventLog.appendClause("plan_events", "plan", events.size()))
                .append(" select count(*) from plan");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            Timestamp ts = Timestamp.from(now);
            int i = 1;
            ps.setString(i++, id);
            ps.setString(i++, p.goal());
            ps.setString(i++, p.agent());
            ps.setString(i++, p.workspace());
            ps.setString(i++, Json.write(p.inputs()));
            ps.setString(i++, Json.write(p.labels()));
            ps.setString(i++, state);
            ps.setString(i++, idempotencyKey);
            ps.setTimestamp(i++, ts);
            ps.setTimestamp(i++, ts);
            for (int n = 0; n < steps.size(); n++) {
                Planner.PlannedStep s = steps.get(n);
                ps.setString(i++, s.id());
                ps.setInt(i++, n);
                ps.setString(i++, s.action());
                ps.setString(i++, s.tool());
                ps.setString(i++, s.capability());
                ps.setString(i++, s.capabilityLabel());
                ps.setBoolean(i++, s.approvalRequired());
                ps.setInt(i++, s.timeoutSeconds());
                ps.setArray(i++, c.createArrayOf("text", s.dependsOn().toArray()));
                ps.setString(i++, states.get(n).wire());
                ps.setTimestamp(i++, states.get(n) == StepState.QUEUED ? ts : null);
                ps.setString(i++, s.details().command());
                ps.setString(i++, s.details().patchSha256());
            }
            EventLog.bindClause(ps, i, events, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    static Optional<String> idForIdempotencyKey(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id from plans where idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public static Optional<Plan> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select * from plans where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                PlanRow row = planRow(rs);
                return Optional.of(row.toPlan(steps(c, Map.of(id, row.inputs())).getOrDefault(id, List.of()),
                        row.inputs));
            }
        }
    }

    /** Plans of one list page; {@code more} when the next page has some. */
    record Listed(List<Plan> plans, boolean more) {
    }

    /**
     * Newest first, strictly after the cursor position (createdAt, id): at most {@code limit} plans, and fewer
     * once their inputs reach {@code maxInputChars} (a page of plans with large inputs must not fill the heap).
     * Steps leave out their input here: it is the plan's, sent once with the plan.
     */
    static Listed list(Connection c, String state, Instant beforeCreated, String beforeId, int limit,
                       long maxInputChars) throws SQLException {
        StringBuilder sql = new StringBuilder("select * from plans where true");
        if (state != null) {
            sql.append(" and state = ?");
        }
        if (beforeCreated != null) {
            sql.append(" and (created_at, id) < (?, ?)");
        }
        sql.append(" order by created_at desc, id desc limit ?");
        List<PlanRow> rows = new ArrayList<>();
        boolean more = false;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (state != null) {
                ps.setString(i++, state);
            }
            if (beforeCreated != null) {
                ps.setTimestamp(i++, Timestamp.from(beforeCreated));
                ps.setString(i++, beforeId);
            }
            ps.setInt(i, limit + 1);
            ps.setFetchSize(Math.min(limit + 1, 50)); // rows arrive as read, not all at once
            long inputChars = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rows.size() == limit || (inputChars >= maxInputChars && !rows.isEmpty())) {
                        more = true;
                        break;
                    }
                    String inputs = rs.getString("inputs");
                    inputChars += inputs == null ? 0 : inputs.length();
                    rows.add(planRow(rs));
                }
            }
        }
        Map<String, Map<String, Object>> noInputs = new LinkedHashMap<>();
        rows.forEach(r -> noInputs.put(r.id(), null));
        Map<String, List<Step>> steps = steps(c, noInputs);
        return new Listed(rows.stream().map(r -> r.toPlan(steps.getOrDefault(r.id, List.of()), r.inputs)).toList(),
                more);
    }

    /** The steps of the given plans; each step's input is its plan's inputs (handed to every step), or none. */
    private static Map<String, List<Step>> steps(Connection c, Map<String, Map<String, Object>> inputsByPlan)
            throws SQLException {
        Map<String, List<Step>> out = new LinkedHashMap<>();
        if (inputsByPlan.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select s.*, a.decision, a.decided_by, a.decided_role, a.rationale, a.decided_at
                  from steps s
                  left join lateral (select * from approvals a where a.plan_id = s.plan_id and a.step_id = s.id
                                      order by a.attempt desc limit 1) a on true
                 where s.plan_id = any(?) order by s.plan_id, s.position""")) {
            ps.setArray(1, c.createArrayOf("text", inputsByPlan.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String planId = rs.getString("plan_id");
                    out.computeIfAbsent(planId, k -> new ArrayList<>()).add(step(rs, inputsByPlan.get(planId)));
                }
            }
        }
        return out;
    }

    private static Step step(ResultSet rs, Map<String, Object> input) throws SQLException {
        Array deps = rs.getArray("depends_on");
        String output = rs.getString("output");
        return new Step(rs.getString("id"), rs.getString("action"), rs.getString("tool"), rs.getString("capability"),
                rs.getString("capability_label"), rs.getBoolean("approval_required"), rs.getInt("timeout_seconds"),
                deps == null ? List.of() : Arrays.asList((String[]) deps.getArray()),
                rs.getString("state"), rs.getInt("attempt"), input,
                output == null ? null : Json.readValue(output),
                rs.getString("summary"), instant(rs, "started_at"), instant(rs, "finished_at"),
                !rs.getBoolean("approval_required") && rs.getString("decision") == null ? null
                        : new Approval(rs.getString("approval_command"), rs.getString("approval_patch_sha256"),
                                rs.getString("decision"), rs.getString("decided_by"), rs.getString("decided_role"),
                                rs.getString("rationale"), instant(rs, "decided_at")));
    }

    private static PlanRow planRow(ResultSet rs) throws SQLException {
        Map<String, Object> labelsRaw = Json.readMap(rs.getString("labels"));
        Map<String, String> labels = new LinkedHashMap<>();
        labelsRaw.forEach((k, v) -> labels.put(k, String.valueOf(v)));
        return new PlanRow(rs.getString("id"), rs.getString("goal"), rs.getString("agent"), rs.getString("workspace"),
                Json.readMap(rs.getString("inputs")), labels, rs.getString("state"), rs.getString("reason"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private record PlanRow(String id, String goal, String agent, String workspace, Map<String, Object> inputs,
                           Map<String, String> labels, String state, String reason, Instant createdAt,
                           Instant updatedAt) {
        Plan toPlan(List<Step> steps, Map<String, Object> in) {
            return new Plan(id, goal, agent, workspace, in, labels, state, reason, createdAt, updatedAt, steps, null);
        }
    }
}

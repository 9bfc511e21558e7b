package io.ossaat.engine.runtime;

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
import io.ossaat.engine.agents.AgentCatalog;
import io.ossaat.engine.agents.AgentProfile;
import io.ossaat.engine.events.NewEvent;
import io.ossaat.engine.plans.PlanState;
import io.ossaat.engine.plans.StepState;
import io.ossaat.engine.problems.ApiProblem;

/**
 * Every step transition, as SQL in the caller's transaction. Each is guarded (it changes a row only from the
 * expected state, and checks the row count) and returns the events to append in the same transaction. A
 * transition on a plan first locks the plan row, so transitions of one plan never interleave.
 */
final class StepTransitions {
    private final AgentCatalog agents;

    StepTransitions(AgentCatalog agents) {
        this.agents = agents;
    }

    /** Claims up to {@code limit} runnable steps for {@code owner} with a lease until {@code leaseUntil}. */
    List<ClaimedStep> claim(Connection c, String owner, Instant now, Instant leaseUntil, int limit, List<NewEvent> events)
            throws SQLException {
        List<ClaimedStep> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                with next as (
                    select plan_id, id from steps
                    where state in ('queued', 'retrying') and run_after <= ?
                    order by run_after
                    limit ?
                    for update skip locked)
                update steps s
                   set state = 'running', attempt = s.attempt + 1, lease_owner = ?, ran_by = ?,
                       lease_expires_at = ?,
                       started_at = ?, summary = null
                  from next
                 where s.plan_id = next.plan_id and s.id = next.id
                returning s.plan_id, s.id, s.tool, s.capability, s.attempt, s.timeout_seconds, s.run_after""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
            ps.setString(3, owner);
            ps.setString(4, owner);
            ps.setTimestamp(5, Timestamp.from(leaseUntil));
            ps.setTimestamp(6, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ClaimedStep s = new ClaimedStep(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getInt(6), rs.getTimestamp(7).toInstant());
                    claimed.add(s);
                    events.add(new NewEvent(s.planId(), s.stepId(), StepState.RUNNING.wire(), s.attempt(), null));
                }
            }
        }
        return claimed;
    }

    /** Extends the leases this owner still holds; returns the keys it holds (a missing key was cancelled or lost). */
    List<String> heartbeat(Connection c, String owner, Instant leaseUntil) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update steps set lease_expires_at = ? where state = 'running' and lease_owner = ?
                returning plan_id || '/' || id""")) {
            ps.setTimestamp(1, Timestamp.from(leaseUntil));
            ps.setString(2, owner);
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        }
    }

    /** Records success and starts what depended on the step. False when the lease was lost (result discarded). */
    boolean complete(Connection c, ClaimedStep s, String owner, Map<String, Object> output, String summary, Instant now,
                     List<NewEvent> events) throws SQLException {
        lockPlan(c, s.planId());
        if (!finishRunning(c, s, owner, StepState.COMPLETED, output, summary, now, null)) {
            return false;
        }
        events.add(new NewEvent(s.planId(), s.stepId(), StepState.COMPLETED.wire(), s.attempt(), summary));
        advance(c, s.planId(), now, events);
        return true;
    }

    /** Records a failure: retrying with backoff, dead-lettered when attempts are spent, or failed. */
    boolean fail(Connection c, ClaimedStep s, String owner, String message, boolean retryable,
                 Map<String, Object> output, Instant now, Instant retryAt, RetryPolicy policy, List<NewEvent> events)
            throws SQLException {
        lockPlan(c, s.planId());
        StepState next = !retryable ? StepState.FAILED
                : policy.exhausted(s.attempt()) ? StepState.DEAD_LETTERED : StepState.RETRYING;
        String summary = next == StepState.DEAD_LETTERED
                ? "gave up after " + s.attempt() + " attempts: " + message
                : next == StepState.RETRYING ? "attempt " + s.attempt() + " failed, retrying: " + message : message;
        if (!finishRunning(c, s, owner, next, output, summary, now, next == StepState.RETRYING ? retryAt : null)) {
            return false;
        }
        events.add(new NewEvent(s.planId(), s.stepId(), next.wire(), s.attempt(), summary));
        if (next != StepState.RETRYING) {
            stopPlan(c, s.planId(), "step " + s.stepId() + " " + next.wire() + ": " + message, now, events);
        }
        return true;
    }

    /**
     * Puts steps whose lease expired (their engine died) back in line, or dead-letters them. Candidates are read
     * without locks; each is then changed under its plan lock by the guarded update, so two instances sweeping at
     * once change it only once.
     */
    int reclaimExpired(Connection c, Instant now, RetryPolicy policy, List<NewEvent> events) throws SQLException {
        List<String[]> expired = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select plan_id, id, attempt from steps where state = 'running' and lease_expires_at < ?
                order by lease_expires_at limit 100""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    expired.add(new String[] {rs.getString(1), rs.getString(2), Integer.toString(rs.getInt(3))});
                }
            }
        }
        for (String[] e : expired) {
            int attempt = Integer.parseInt(e[2]);
            ClaimedStep s = new ClaimedStep(e[0], e[1], null, null, attempt, 0, now);
            String owner = currentOwner(c, s);
            if (owner == null) {
                continue;
            }
            fail(c, s, owner, "its engine stopped while running it (lease expired)", true, null, now, now, policy, events);
        }
        return expired.size();
    }

    /** Hands a step this owner holds back to the queue (graceful shutdown): another instance runs it again. */
    boolean release(Connection c, ClaimedStep s, String owner, Instant now, List<NewEvent> events) throws SQLException {
        lockPlan(c, s.planId());
        try (PreparedStatement ps = c.prepareStatement("""
                update steps set state = 'queued', lease_owner = null, lease_expires_at = null, run_after = ?,
                                 attempt = attempt - 1, summary = 'handed back: its engine is shutting down'
                 where plan_id = ? and id = ? and state = 'running' and lease_owner = ? and attempt = ?""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, s.planId());
            ps.setString(3, s.stepId());
            ps.setString(4, owner);
            ps.setInt(5, s.attempt());
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        events.add(new NewEvent(s.planId(), s.stepId(), StepState.QUEUED.wire(), s.attempt() - 1,
                "handed back: its engine is shutting down"));
        return true;
    }

    /** A human's decision on a step waiting for approval. */
    void decide(Connection c, String planId, String stepId, boolean approve, String who, String rationale, Instant now,
                List<NewEvent> events) throws SQLException {
        lockPlan(c, planId);
        StepState current = stepState(c, planId, stepId);
        if (current != StepState.WAITING_APPROVAL) {
            throw new ApiProblem.Conflict("step '" + stepId + "' is " + current.wire() + ", not waiting for approval");
        }
        int attempt;
        try (PreparedStatement ps = c.prepareStatement(approve
                ? "update steps set state = 'queued', run_after = ?, summary = ? where plan_id = ? and id = ? "
                  + "and state = 'waiting_approval' returning attempt"
                : "update steps set state = 'rejected', finished_at = ?, summary = ? where plan_id = ? and id = ? "
                  + "and state = 'waiting_approval' returning attempt")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, (approve ? "approved by " : "rejected by ") + who + (rationale == null ? "" : ": " + rationale));
            ps.setString(3, planId);
            ps.setString(4, stepId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("step " + planId + "/" + stepId + " changed under the plan lock");
                }
                attempt = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into approvals (plan_id, step_id, attempt, decision, decided_by, rationale, decided_at)
                values (?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, planId);
            ps.setString(2, stepId);
            ps.setInt(3, attempt);
            ps.setString(4, approve ? "approved" : "rejected");
            ps.setString(5, who);
            ps.setString(6, rationale);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.executeUpdate();
        }
        String summary = (approve ? "approved by " : "rejected by ") + who + (rationale == null ? "" : ": " + rationale);
        events.add(new NewEvent(planId, stepId, approve ? StepState.QUEUED.wire() : StepState.REJECTED.wire(), attempt,
                summary));
        if (approve) {
            settlePlan(c, planId, null, now, events);
        } else {
            stopPlan(c, planId, "step " + stepId + " rejected by " + who + (rationale == null ? "" : ": " + rationale),
                    now, events);
        }
    }

    /** Cancels every step that has not finished; a running tool is interrupted by its runner. */
    void cancel(Connection c, String planId, String who, Instant now, List<NewEvent> events) throws SQLException {
        PlanState state = lockPlan(c, planId);
        if (state.isFinal()) {
            throw new ApiProblem.Conflict("plan '" + planId + "' is already " + state.wire());
        }
        cancelOpenSteps(c, planId, "cancelled by " + who, now, events);
        settlePlan(c, planId, "cancelled by " + who, now, events);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private boolean finishRunning(Connection c, ClaimedStep s, String owner, StepState next, Map<String, Object> output,
                                  String summary, Instant now, Instant runAfter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update steps set state = ?, output = coalesce(?::jsonb, output), summary = ?, lease_owner = null,
                                 lease_expires_at = null, finished_at = ?, run_after = ?
                 where plan_id = ? and id = ? and state = 'running' and lease_owner = ? and attempt = ?""")) {
            ps.setString(1, next.wire());
            ps.setString(2, output == null ? null : Json.write(output));
            ps.setString(3, summary);
            ps.setTimestamp(4, next.isFinal() ? Timestamp.from(now) : null);
            ps.setTimestamp(5, runAfter == null ? null : Timestamp.from(runAfter));
            ps.setString(6, s.planId());
            ps.setString(7, s.stepId());
            ps.setString(8, owner);
            ps.setInt(9, s.attempt());
            int n = ps.executeUpdate();
            if (n > 1) {
                throw new IllegalStateException("a guarded step update changed " + n + " rows: (plan_id, id) is not unique");
            }
            return n == 1;
        }
    }

    /** Starts the pending steps whose dependencies are all completed. */
    private void advance(Connection c, String planId, Instant now, List<NewEvent> events) throws SQLException {
        List<StepRow> steps = steps(c, planId);
        Map<String, StepState> states = new LinkedHashMap<>();
        steps.forEach(s -> states.put(s.id(), s.state()));
        AgentProfile agent = agentOf(c, planId);
        String stop = null;
        for (StepRow s : steps) {
            if (s.state() != StepState.PENDING
                    || !s.dependsOn().stream().allMatch(d -> states.get(d) == StepState.COMPLETED)) {
                continue;
            }
            if (agent == null || !agent.holds(s.capability())) {
                String why = "agent '" + (agent == null ? "?" : agent.name()) + "' does not hold capability "
                        + s.capability();
                setState(c, planId, s.id(), StepState.REJECTED, why, now);
                events.add(new NewEvent(planId, s.id(), StepState.REJECTED.wire(), s.attempt(), why));
                stop = "step " + s.id() + " rejected: " + why;
                break;
            }
            StepState next = s.approvalRequired() ? StepState.WAITING_APPROVAL : StepState.QUEUED;
            String summary = next == StepState.WAITING_APPROVAL ? "waiting for a human to approve " + s.capability() : null;
            setState(c, planId, s.id(), next, summary, now);
            events.add(new NewEvent(planId, s.id(), next.wire(), s.attempt(), summary));
        }
        if (stop != null) {
            stopPlan(c, planId, stop, now, events);
        } else {
            settlePlan(c, planId, null, now, events);
        }
    }

    private void stopPlan(Connection c, String planId, String reason, Instant now, List<NewEvent> events)
            throws SQLException {
        cancelOpenSteps(c, planId, "plan stopped: " + reason, now, events);
        settlePlan(c, planId, reason, now, events);
    }

    private void cancelOpenSteps(Connection c, String planId, String why, Instant now, List<NewEvent> events)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update steps set state = 'cancelled', summary = ?, finished_at = ?, lease_owner = null,
                                 lease_expires_at = null
                 where plan_id = ? and state in ('pending', 'waiting_approval', 'queued', 'running', 'retrying')
                returning id, attempt""")) {
            ps.setString(1, why);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, planId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new NewEvent(planId, rs.getString(1), StepState.CANCELLED.wire(), rs.getInt(2), why));
                }
            }
        }
    }

    /** Derives the plan state from its steps and records it (and an event) when it changed. */
    private void settlePlan(Connection c, String planId, String reason, Instant now, List<NewEvent> events)
            throws SQLException {
        PlanState before = planState(c, planId);
        PlanState after = PlanState.derive(steps(c, planId).stream().map(StepRow::state).toList());
        try (PreparedStatement ps = c.prepareStatement(
                "update plans set state = ?, reason = coalesce(?, reason), updated_at = ? where id = ?")) {
            ps.setString(1, after.wire());
            ps.setString(2, reason);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, planId);
            ps.executeUpdate();
        }
        if (before != after) {
            events.add(new NewEvent(planId, null, after.wire(), 0, reason));
        }
    }

    private void setState(Connection c, String planId, String stepId, StepState state, String summary, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update steps set state = ?, summary = ?, run_after = ?, finished_at = ?
                 where plan_id = ? and id = ? and state = 'pending'""")) {
            ps.setString(1, state.wire());
            ps.setString(2, summary);
            ps.setTimestamp(3, state == StepState.QUEUED ? Timestamp.from(now) : null);
            ps.setTimestamp(4, state.isFinal() ? Timestamp.from(now) : null);
            ps.setString(5, planId);
            ps.setString(6, stepId);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("step " + planId + "/" + stepId + " was not pending under the plan lock");
            }
        }
    }

    /** Locks the plan row; 404 when the plan does not exist. */
    private static PlanState lockPlan(Connection c, String planId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select state from plans where id = ? for update")) {
            ps.setString(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ApiProblem.NotFound("plan '" + planId + "' does not exist");
                }
                return PlanState.parse(rs.getString(1)).orElseThrow();
            }
        }
    }

    private static PlanState planState(Connection c, String planId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select state from plans where id = ?")) {
            ps.setString(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return PlanState.parse(rs.getString(1)).orElseThrow();
            }
        }
    }

    private static StepState stepState(Connection c, String planId, String stepId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select state from steps where plan_id = ? and id = ?")) {
            ps.setString(1, planId);
            ps.setString(2, stepId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ApiProblem.NotFound("plan '" + planId + "' has no step '" + stepId + "'");
                }
                return StepState.fromWire(rs.getString(1));
            }
        }
    }

    private static String currentOwner(Connection c, ClaimedStep s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select lease_owner from steps where plan_id = ? and id = ? and state = 'running' and attempt = ?")) {
            ps.setString(1, s.planId());
            ps.setString(2, s.stepId());
            ps.setInt(3, s.attempt());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private AgentProfile agentOf(Connection c, String planId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select agent from plans where id = ?")) {
            ps.setString(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? agents.find(rs.getString(1)).orElse(null) : null;
            }
        }
    }

    record StepRow(String id, StepState state, String capability, boolean approvalRequired, List<String> dependsOn,
                   int attempt) {
    }

    private static List<StepRow> steps(Connection c, String planId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select id, state, capability, approval_required, depends_on, attempt from steps
                 where plan_id = ? order by position""")) {
            ps.setString(1, planId);
            List<StepRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array deps = rs.getArray(5);
                    out.add(new StepRow(rs.getString(1), StepState.fromWire(rs.getString(2)), rs.getString(3),
                            rs.getBoolean(4), deps == null ? List.of() : Arrays.asList((String[]) deps.getArray()),
                            rs.getInt(6)));
                }
            }
            return out;
        }
    }

    /** What a worker needs to know about the plan of a claimed step. */
    record PlanContext(String agent, Optional<String> workspace, Map<String, Object> inputs) {
    }

    static PlanContext planContext(Connection c, String planId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select agent, workspace, inputs from plans where id = ?")) {
            ps.setString(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("plan " + planId + " vanished while a step ran");
                }
                return new PlanContext(rs.getString(1), Optional.ofNullable(rs.getString(2)), Json.readMap(rs.getString(3)));
            }
        }
    }
}

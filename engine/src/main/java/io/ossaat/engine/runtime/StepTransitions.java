package io.ossaat.engine.runtime;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ossaat.engine.Json;
import io.ossaat.engine.agents.AgentCatalog;
import io.ossaat.engine.agents.AgentProfile;
import io.ossaat.engine.auth.Principal;
import io.ossaat.engine.events.NewEvent;
import io.ossaat.engine.plans.PlanState;
import io.ossaat.engine.plans.StepState;
import io.ossaat.engine.problems.ApiProblem;

import static io.ossaat.engine.plans.StepState.CANCELLED;
import static io.ossaat.engine.plans.StepState.COMPLETED;
import static io.ossaat.engine.plans.StepState.DEAD_LETTERED;
import static io.ossaat.engine.plans.StepState.FAILED;
import static io.ossaat.engine.plans.StepState.OPEN;
import static io.ossaat.engine.plans.StepState.PENDING;
import static io.ossaat.engine.plans.StepState.QUEUED;
import static io.ossaat.engine.plans.StepState.REJECTED;
import static io.ossaat.engine.plans.StepState.RETRYING;
import static io.ossaat.engine.plans.StepState.RUNNABLE;
import static io.ossaat.engine.plans.StepState.RUNNING;
import static io.ossaat.engine.plans.StepState.WAITING_APPROVAL;

/**
 * Every step transition, as SQL in the caller's transaction. Each is guarded (it changes a row only from the
 * expected state, and checks the row count) and returns the events to append in the same transaction. A
 * transition on a plan first locks the plan row, so transitions of one plan never interleave. The moves are those
 * of {@link StepState}'s table: the ones the SQL below makes are checked against it when this class loads, the
 * others before each update.
 */
final class StepTransitions {
    static {
        RUNNABLE.forEach(s -> s.checkMoveTo(RUNNING));          // claim
        RUNNING.checkMoveTo(QUEUED);                            // release
        WAITING_APPROVAL.checkMoveTo(QUEUED);                   // approve
        WAITING_APPROVAL.checkMoveTo(REJECTED);                 // reject
        OPEN.forEach(s -> s.checkMoveTo(CANCELLED));            // cancel
    }

    private static final String CLAIM = """
            with next as (
                select plan_id, id from steps
                where state in (%s) and run_after <= ?
                order by run_after
                limit ?
                for update skip locked)
            update steps s
               set state = '%s', attempt = s.attempt + 1, lease_owner = ?, ran_by = ?,
                   lease_expires_at = ?,
                   started_at = ?, summary = null
              from next join plans p on p.id = next.plan_id
             where s.plan_id = next.plan_id and s.id = next.id
            returning s.plan_id, s.id, s.tool, s.capability, s.attempt, s.timeout_seconds, s.run_after,
                      p.agent, p.workspace, p.inputs::text""".formatted(StepState.sql(RUNNABLE), RUNNING.wire());
    private static final String HEARTBEAT = """
            update steps set lease_expires_at = ? where state = '%s' and lease_owner = ?
               and (plan_id, id) in (select * from unnest(?::text[], ?::text[]))
            returning plan_id || '/' || id""".formatted(RUNNING.wire());
    private static final String EXPIRED = """
            select plan_id, id, attempt, lease_owner from steps where state = '%s' and lease_expires_at < ?
               and now() - pg_postmaster_start_time() >= make_interval(secs => ?)
            order by lease_expires_at limit 100""".formatted(RUNNING.wire());
    private static final String STILL_EXPIRED = """
            select 1 from steps where plan_id = ? and id = ? and state = '%s' and attempt = ? and lease_expires_at < ?
            for update""".formatted(RUNNING.wire());
    private static final String RELEASE = """
            update steps set state = '%s', lease_owner = null, lease_expires_at = null, run_after = ?,
                             attempt = attempt - 1, summary = ?
             where plan_id = ? and id = ? and state = '%s' and lease_owner = ? and attempt = ?"""
            .formatted(QUEUED.wire(), RUNNING.wire());
    private static final String APPROVE = """
            update steps set state = '%s', run_after = ?, summary = ? where plan_id = ? and id = ?
               and state = '%s' returning attempt""".formatted(QUEUED.wire(), WAITING_APPROVAL.wire());
    private static final String REJECT = """
            update steps set state = '%s', finished_at = ?, summary = ? where plan_id = ? and id = ?
               and state = '%s' returning attempt""".formatted(REJECTED.wire(), WAITING_APPROVAL.wire());
    private static final String FINISH_RUNNING = """
            update steps set state = ?, output = coalesce(?::jsonb, output), summary = ?, lease_owner = null,
                             lease_expires_at = null, finished_at = ?, run_after = coalesce(?, run_after)
             where plan_id = ? and id = ? and state = '%s' and lease_owner = ? and attempt = ?"""
            .formatted(RUNNING.wire());
    private static final String CANCEL_OPEN = """
            update steps set state = '%s', summary = ?, finished_at = ?, lease_owner = null,
                             lease_expires_at = null
             where plan_id = ? and state in (%s)
            returning id, attempt""".formatted(CANCELLED.wire(), StepState.sql(OPEN));
    private static final String START_PENDING = """
            update steps set state = ?, summary = ?, run_after = ?, finished_at = ?
             where plan_id = ? and id = ? and state = '%s'""".formatted(PENDING.wire());

    private static final System.Logger LOG = System.getLogger(StepTransitions.class.getName());

    private final AgentCatalog agents;

    StepTransitions(AgentCatalog agents) {
        this.agents = agents;
    }

    /** Claims up to {@code limit} runnable steps for {@code owner} with a lease until {@code leaseUntil}. */
    List<ClaimedStep> claim(Connection c, String owner, Instant now, Instant leaseUntil, int limit, List<NewEvent> events)
            throws SQLException {
        List<ClaimedStep> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
            ps.setString(3, owner);
            ps.setString(4, owner);
            ps.setTimestamp(5, Timestamp.from(leaseUntil));
            ps.setTimestamp(6, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ClaimedStep s = new ClaimedStep(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getInt(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
                            rs.getString(9), Json.readMap(rs.getString(10)));
                    claimed.add(s);
                    events.add(new NewEvent(s.planId(), s.stepId(), RUNNING, s.attempt(), null));
                }
            }
        }
        return claimed;
    }

    /**
     * Extends the leases this owner still holds of the steps it runs; returns the keys ({@code planId/stepId}) it
     * holds (a missing key was cancelled or lost). A step the owner claimed but does not run (the claim's answer
     * was lost with its connection) is not extended: its lease runs out and a sweeper puts it back in line.
     */
    List<String> heartbeat(Connection c, String owner, Collection<ClaimedStep> running, Instant leaseUntil)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HEARTBEAT)) {
            ps.setTimestamp(1, Timestamp.from(leaseUntil));
            ps.setString(2, owner);
            ps.setArray(3, c.createArrayOf("text", running.stream().map(ClaimedStep::planId).toArray()));
            ps.setArray(4, c.createArrayOf("text", running.stream().map(ClaimedStep::stepId).toArray()));
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
        LockedPlan plan = lockPlan(c, s.planId());
        if (!finishRunning(c, s, owner, COMPLETED, output, summary, now, null)) {
            return false;
        }
        events.add(new NewEvent(s.planId(), s.stepId(), COMPLETED, s.attempt(), summary));
        advance(c, plan, now, events);
        return true;
    }

    /** Records a failure: retrying with backoff, dead-lettered when attempts are spent, or failed. */
    boolean fail(Connection c, ClaimedStep s, String owner, String message, boolean retryable,
                 Map<String, Object> output, Instant now, Instant retryAt, RetryPolicy policy, List<NewEvent> events)
            throws SQLException {
        LockedPlan plan = lockPlan(c, s.planId());
        StepState next = !retryable ? FAILED : policy.exhausted(s.attempt()) ? DEAD_LETTERED : RETRYING;
        String summary = next == DEAD_LETTERED
                ? "gave up after " + s.attempt() + " attempts: " + message
                : next == RETRYING ? "attempt " + s.attempt() + " failed, retrying: " + message : message;
        if (!finishRunning(c, s, owner, next, output, summary, now, next == RETRYING ? retryAt : null)) {
            return false;
        }
        events.add(new NewEvent(s.planId(), s.stepId(), next, s.attempt(), summary));
        if (next != RETRYING) {
            stopPlan(c, plan, "step " + s.stepId() + " " + next.wire() + ": " + message, now, events);
        }
        return true;
    }

    /**
     * Puts steps whose lease expired (their engine died) back in line, or dead-letters them. Candidates are read
     * without locks; each is then locked and its expiry checked again (a heartbeat may have extended it since), and
     * changed by the guarded update, so two instances sweeping at once change it only once. Steps in
     * {@code runningHere} are left alone: this engine is running them, and after a database stall longer than the
     * lease they only look expired until its next heartbeat. Nothing is taken until the server has been up for
     * {@code serverUpFor} (its own start time and clock, so every instance sees a restart alike, with no clock skew):
     * no owner could renew a lease while it was down, and each needs time to reconnect.
     */
    int reclaimExpired(Connection c, Instant now, RetryPolicy policy, List<NewEvent> events, Set<String> runningHere,
                       Duration serverUpFor) throws SQLException {
        record Expired(ClaimedStep step, String owner) {
        }
        List<Expired> expired = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(EXPIRED)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setDouble(2, serverUpFor.toNanos() / 1e9);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    expired.add(new Expired(new ClaimedStep(rs.getString(1), rs.getString(2), null, null, rs.getInt(3),
                            0, now, null, null, Map.of()), rs.getString(4)));
                }
            }
        }
        int reclaimed = 0;
        for (Expired e : expired) {
            if (runningHere.contains(e.step().key())) {
                continue;
            }
            // the plan row first, as every transition locks it, else a runner recording the step deadlocks with us
            lockPlan(c, e.step().planId());
            if (!stillExpired(c, e.step(), now)) {
                continue;
            }
            // guarded by owner and attempt: a sweeper that lost the race to another changes nothing
            if (fail(c, e.step(), e.owner(), "its engine stopped while running it (lease expired)", true, null, now,
                    now, policy, events)) {
                LOG.log(System.Logger.Level.INFO, "took back step " + e.step().key() + " (attempt "
                        + e.step().attempt() + ") from " + e.owner() + ": its lease expired");
                reclaimed++;
            }
        }
        return reclaimed;
    }

    /** Locks the running step's row and says whether its lease is still expired (no heartbeat came since). */
    private static boolean stillExpired(Connection c, ClaimedStep s, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(STILL_EXPIRED)) {
            ps.setString(1, s.planId());
            ps.setString(2, s.stepId());
            ps.setInt(3, s.attempt());
            ps.setTimestamp(4, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Hands a step this owner holds back to the queue (graceful shutdown): another instance runs it again. */
    boolean release(Connection c, ClaimedStep s, String owner, Instant now, List<NewEvent> events) throws SQLException {
        lockPlan(c, s.planId());
        String summary = "handed back: its engine is shutting down";
        try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, summary);
            ps.setString(3, s.planId());
            ps.setString(4, s.stepId());
            ps.setString(5, owner);
            ps.setInt(6, s.attempt());
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        events.add(new NewEvent(s.planId(), s.stepId(), QUEUED, s.attempt() - 1, summary));
        return true;
    }

    /** A human's decision on a step waiting for approval. */
    void decide(Connection c, String planId, String stepId, boolean approve, Principal principal, String rationale,
                Instant now, List<NewEvent> events) throws SQLException {
        String who = principal.label();
        LockedPlan plan = lockPlan(c, planId);
        StepState current = stepState(c, planId, stepId);
        if (current != WAITING_APPROVAL) {
            throw new ApiProblem.Conflict("step '" + stepId + "' is " + current.wire() + ", not waiting for approval");
        }
        String summary = (approve ? "approved by " : "rejected by ") + who + (rationale == null ? "" : ": " + rationale);
        int attempt;
        try (PreparedStatement ps = c.prepareStatement(approve ? APPROVE : REJECT)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, summary);
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
                insert into approvals (plan_id, step_id, attempt, decision, decided_by, rationale, decided_at,
                                       decided_role, token_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, planId);
            ps.setString(2, stepId);
            ps.setInt(3, attempt);
            ps.setString(4, approve ? "approved" : "rejected");
            ps.setString(5, who);
            ps.setString(6, rationale);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setString(8, principal.role().wire());
            ps.setString(9, principal.tokenId());
            ps.executeUpdate();
        }
        events.add(new NewEvent(planId, stepId, approve ? QUEUED : REJECTED, attempt, summary));
        if (approve) {
            settlePlan(c, plan, stepStates(c, planId), null, now, events);
        } else {
            stopPlan(c, plan, "step " + stepId + " rejected by " + who + (rationale == null ? "" : ": " + rationale),
                    now, events);
        }
    }

    /** Cancels every step that has not finished; a running tool is interrupted by its runner. */
    void cancel(Connection c, String planId, String who, Instant now, List<NewEvent> events) throws SQLException {
        LockedPlan plan = lockPlan(c, planId);
        if (plan.state().isFinal()) {
            throw new ApiProblem.Conflict("plan '" + planId + "' is already " + plan.state().wire());
        }
        cancelOpenSteps(c, planId, "cancelled by " + who, now, events);
        settlePlan(c, plan, stepStates(c, planId), "cancelled by " + who, now, events);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private boolean finishRunning(Connection c, ClaimedStep s, String owner, StepState next, Map<String, Object> output,
                                  String summary, Instant now, Instant runAfter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FINISH_RUNNING)) {
            ps.setString(1, RUNNING.checkMoveTo(next).wire());
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
    private void advance(Connection c, LockedPlan plan, Instant now, List<NewEvent> events) throws SQLException {
        String planId = plan.id();
        List<StepRow> steps = steps(c, planId);
        Map<String, StepState> states = new LinkedHashMap<>();
        steps.forEach(s -> states.put(s.id(), s.state()));
        AgentProfile agent = agents.find(plan.agent()).orElse(null);
        String stop = null;
        for (StepRow s : steps) {
            if (s.state() != PENDING || !s.dependsOn().stream().allMatch(d -> states.get(d) == COMPLETED)) {
                continue;
            }
            if (agent == null || !agent.holds(s.capability())) {
                String why = "agent '" + (agent == null ? "?" : agent.name()) + "' does not hold capability "
                        + s.capability();
                startPending(c, planId, s.id(), REJECTED, why, now);
                events.add(new NewEvent(planId, s.id(), REJECTED, s.attempt(), why));
                stop = "step " + s.id() + " rejected: " + why;
                break;
            }
            StepState next = s.approvalRequired() ? WAITING_APPROVAL : QUEUED;
            String summary = next == WAITING_APPROVAL ? "waiting for a human to approve " + s.capability() : null;
            startPending(c, planId, s.id(), next, summary, now);
            states.put(s.id(), next);
            events.add(new NewEvent(planId, s.id(), next, s.attempt(), summary));
        }
        if (stop != null) {
            stopPlan(c, plan, stop, now, events);
        } else {
            settlePlan(c, plan, states.values(), null, now, events);
        }
    }

    private void stopPlan(Connection c, LockedPlan plan, String reason, Instant now, List<NewEvent> events)
            throws SQLException {
        cancelOpenSteps(c, plan.id(), "plan stopped: " + reason, now, events);
        settlePlan(c, plan, stepStates(c, plan.id()), reason, now, events);
    }

    private void cancelOpenSteps(Connection c, String planId, String why, Instant now, List<NewEvent> events)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CANCEL_OPEN)) {
            ps.setString(1, why);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, planId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new NewEvent(planId, rs.getString(1), CANCELLED, rs.getInt(2), why));
                }
            }
        }
    }

    /** Derives the plan state from its steps' states and records it (and an event) when it changed. */
    private void settlePlan(Connection c, LockedPlan plan, java.util.Collection<StepState> stepStates, String reason,
                            Instant now, List<NewEvent> events) throws SQLException {
        String planId = plan.id();
        PlanState before = plan.state();
        PlanState after = PlanState.derive(stepStates);
        if (before != after) {
            before.checkMoveTo(after);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update plans set state = ?, reason = coalesce(?, reason), updated_at = ? where id = ?")) {
            ps.setString(1, after.wire());
            ps.setString(2, reason);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, planId);
            ps.executeUpdate();
        }
        if (before != after) {
            events.add(new NewEvent(planId, null, after, 0, reason));
        }
    }

    /** Moves a pending step whose dependencies completed. */
    private void startPending(Connection c, String planId, String stepId, StepState state, String summary, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(START_PENDING)) {
            ps.setString(1, PENDING.checkMoveTo(state).wire());
            ps.setString(2, summary);
            ps.setTimestamp(3, state == QUEUED ? Timestamp.from(now) : null);
            ps.setTimestamp(4, state.isFinal() ? Timestamp.from(now) : null);
            ps.setString(5, planId);
            ps.setString(6, stepId);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("step " + planId + "/" + stepId + " was not pending under the plan lock");
            }
        }
    }

    /** A plan row locked for the rest of the transaction. */
    private record LockedPlan(String id, PlanState state, String agent) {
    }

    /** Locks the plan row; 404 when the plan does not exist. */
    private static LockedPlan lockPlan(Connection c, String planId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select state, agent from plans where id = ? for update")) {
            ps.setString(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ApiProblem.NotFound("plan '" + planId + "' does not exist");
                }
                return new LockedPlan(planId, PlanState.parse(rs.getString(1)).orElseThrow(), rs.getString(2));
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

    record StepRow(String id, StepState state, String capability, boolean approvalRequired, List<String> dependsOn,
                   int attempt) {
    }

    private static List<StepState> stepStates(Connection c, String planId) throws SQLException {
        return steps(c, planId).stream().map(StepRow::state).toList();
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
}

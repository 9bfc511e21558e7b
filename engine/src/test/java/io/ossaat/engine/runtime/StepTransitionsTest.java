package io.ossaat.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.ossaat.engine.agents.AgentCatalog;
import io.ossaat.engine.events.NewEvent;
import io.ossaat.engine.plans.StepState;
import io.ossaat.engine.problems.ApiProblem;
import io.ossaat.engine.storage.Database;
import io.ossaat.engine.storage.Transactions;
import io.ossaat.engine.tools.ToolRegistry;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every guarded step transition on a real PostgreSQL, without a runtime around it: the guards, not the timing of
 * threads, keep a lost lease, a stale attempt or a second sweeper from writing anything.
 */
class StepTransitionsTest {
    static final Duration LEASE = Duration.ofSeconds(10);
    static Database db;
    static Transactions tx;
    static StepTransitions transitions;
    final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @BeforeAll
    static void start() {
        var dir = TestEngines.newDataDir();
        db = Database.start(Optional.empty(), dir, 4);
        tx = new Transactions(db.dataSource());
        transitions = new StepTransitions(AgentCatalog.load(dir, ToolRegistry.builtIn()));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aRunnableStepIsClaimedOnceWithALease() {
        String plan = newPlan();
        ClaimedStep a = claimOf(plan, "engine-a", t0);

        assertThat(a.attempt()).isEqualTo(1);
        assertThat(claim("engine-b", t0)).as("already running").noneMatch(s -> s.planId().equals(plan));
        assertThat(row(plan, "s0").state()).isEqualTo(StepState.RUNNING);
    }

    @Test
    void aLostLeaseDiscardsTheResult() {
        String plan = newPlan();
        ClaimedStep a = claimOf(plan, "engine-a", t0);
        sweep(t0.plus(LEASE).plusSeconds(1));
        assertThat(row(plan, "s0").state()).isEqualTo(StepState.RETRYING);

        List<NewEvent> events = new ArrayList<>();
        assertThat(changed(tx.inTransaction(c -> transitions.complete(c, a, "engine-a", Map.of(), "done", t0,
                events))))
                .isFalse();
        assertThat(events).isEmpty();
        assertThat(row(plan, "s0").state()).isEqualTo(StepState.RETRYING);
    }

    @Test
    void aStaleAttemptCannotFinishButTheCurrentOneCan() {
        String plan = newPlan();
        ClaimedStep first = claimOf(plan, "engine-a", t0);
        Instant later = t0.plus(LEASE).plusSeconds(1);
        sweep(later);
        ClaimedStep second = claimOf(plan, "engine-a", later.plus(Duration.ofMinutes(10)));
        assertThat(second.attempt()).isEqualTo(2);

        assertThat(changed(tx.inTransaction(c -> transitions.complete(c, first, "engine-a", Map.of(), "old", later,
                new ArrayList<>())))).as("attempt 1 under the same owner").isFalse();
        List<NewEvent> events = new ArrayList<>();
        assertThat(changed(tx.inTransaction(c -> transitions.complete(c, second, "engine-a", Map.of(), "new", later,
                events)))).isTrue();
        assertThat(row(plan, "s0").state()).isEqualTo(StepState.COMPLETED);
        assertThat(row(plan, "s1").state()).as("its dependant starts").isEqualTo(StepState.QUEUED);
        assertThat(events).extracting(NewEvent::state).startsWith(StepState.COMPLETED, StepState.QUEUED);
    }

    @Test
    void twoSweepersRacingReclaimAStepOnce() throws Exception {
        String plan = newPlan();
        claimOf(plan, "engine-a", t0);
        Instant late = t0.plus(LEASE).plusSeconds(1);
        CountDownLatch go = new CountDownLatch(1);
        List<List<NewEvent>> written = List.of(new ArrayList<>(), new ArrayList<>());
        try (ExecutorService sweepers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> sweeps = new ArrayList<>();
            for (List<NewEvent> events : written) {
                sweeps.add(sweepers.submit(() -> {
                    go.await();
                    return tx.inTransaction(c -> transitions.reclaimExpired(c, late, RetryPolicy.DEFAULT, events,
                            Set.of(), Duration.ZERO));
                }));
            }
            go.countDown();
            for (Future<Integer> f : sweeps) {
                f.get();
            }
        }
        // (other tests' expired steps are swept too; only this plan's are judged)
        assertThat(written.stream().flatMap(List::stream).filter(e -> e.planId().equals(plan)))
                .extracting(NewEvent::state).containsExactly(StepState.RETRYING);
        assertThat(row(plan, "s0")).isEqualTo(new Row(StepState.RETRYING, 1, null));
    }

    @Test
    void theHeartbeatExtendsOnlyTheOwnersLeases() {
        String plan = newPlan();
        ClaimedStep a = claimOf(plan, "engine-a", t0);

        assertThat(held(tx.inTransaction(c -> transitions.heartbeat(c, "engine-b", List.of(a), t0.plus(LEASE)))))
                .doesNotContain(plan + "/s0");
        assertThat(held(tx.inTransaction(c -> transitions.heartbeat(c, "engine-a", List.of(a), t0.plus(LEASE)))))
                .contains(plan + "/s0");
    }

    @Test
    void theHeartbeatLeavesAStepItsOwnerDoesNotRunToExpire() {
        String plan = newPlan();
        claimOf(plan, "engine-a", t0); // the claim committed, but its answer never reached the runner

        assertThat(held(tx.inTransaction(c -> transitions.heartbeat(c, "engine-a", List.of(), t0.plus(LEASE)))))
                .doesNotContain(plan + "/s0");
        sweep(t0.plus(LEASE).plusSeconds(1));
        assertThat(row(plan, "s0").state()).as("back in line").isEqualTo(StepState.RETRYING);
    }

    @Test
    void noStepIsTakenBackUntilTheServerHasBeenUpLongEnough() {
        String plan = newPlan();
        claimOf(plan, "engine-a", t0);
        Instant late = t0.plus(LEASE).plusSeconds(1);
        Duration upFor = tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select extract(epoch from now() - pg_postmaster_start_time())::float8");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Duration.ofMillis((long) (rs.getDouble(1) * 1000));
            }
        });

        // a server up for less than that has restarted since the owners last renewed: it takes nothing
        tx.inTransaction(c -> transitions.reclaimExpired(c, late, RetryPolicy.DEFAULT, new ArrayList<>(), Set.of(),
                upFor.plusHours(1)));
        assertThat(row(plan, "s0").state()).isEqualTo(StepState.RUNNING);
        tx.inTransaction(c -> transitions.reclaimExpired(c, late, RetryPolicy.DEFAULT, new ArrayList<>(), Set.of(),
                upFor));
        assertThat(row(plan, "s0").state()).isEqualTo(StepState.RETRYING);
    }

    @Test
    void onlyTheLeaseHolderHandsAStepBack() {
        String plan = newPlan();
        ClaimedStep a = claimOf(plan, "engine-a", t0);

        assertThat(changed(tx.inTransaction(c -> transitions.release(c, a, "engine-b", t0, new ArrayList<>()))))
                .isFalse();
        assertThat(changed(tx.inTransaction(c -> transitions.release(c, a, "engine-a", t0, new ArrayList<>()))))
                .isTrue();
        assertThat(row(plan, "s0")).isEqualTo(new Row(StepState.QUEUED, 0, null));
    }

    @Test
    void onlyAStepWaitingForApprovalCanBeDecidedAndOnlyAnOpenPlanCancelled() {
        String plan = newPlan();

        assertThatThrownBy(() -> tx.inTransaction(c -> {
            transitions.decide(c, plan, "s0", true, io.ossaat.engine.auth.Principal.OWNER, null, t0, new ArrayList<>());
            return null;
        })).isInstanceOf(ApiProblem.Conflict.class).hasMessageContaining("is queued, not waiting for approval");
        assertThatThrownBy(() -> tx.inTransaction(c -> {
            transitions.decide(c, plan, "s9", true, io.ossaat.engine.auth.Principal.OWNER, null, t0, new ArrayList<>());
            return null;
        })).isInstanceOf(ApiProblem.NotFound.class);

        tx.inTransaction(c -> {
            transitions.cancel(c, plan, "me", t0, new ArrayList<>());
            return null;
        });
        assertThat(row(plan, "s0").state()).isEqualTo(StepState.CANCELLED);
        assertThat(row(plan, "s1").state()).isEqualTo(StepState.CANCELLED);
        assertThatThrownBy(() -> tx.inTransaction(c -> {
            transitions.cancel(c, plan, "me", t0, new ArrayList<>());
            return null;
        })).isInstanceOf(ApiProblem.Conflict.class).hasMessageContaining("already cancelled");
    }

    @Test
    void aFailureThatIsNotRetryableFailsTheStepAndStopsThePlan() {
        String plan = newPlan();
        ClaimedStep a = claimOf(plan, "engine-a", t0);
        List<NewEvent> events = new ArrayList<>();

        assertThat(changed(tx.inTransaction(c -> transitions.fail(c, a, "engine-a", "broken", false, null, t0, t0,
                RetryPolicy.DEFAULT, events)))).isTrue();
        assertThat(row(plan, "s0").state()).isEqualTo(StepState.FAILED);
        assertThat(row(plan, "s1").state()).isEqualTo(StepState.CANCELLED);
        assertThat(planState(plan)).isEqualTo("failed");
        assertThat(events).extracting(NewEvent::state)
                .containsExactly(StepState.FAILED, StepState.CANCELLED, io.ossaat.engine.plans.PlanState.FAILED);
    }

    @Test
    void aRetryableFailureWithItsAttemptsSpentIsDeadLettered() {
        String plan = newPlan();
        ClaimedStep a = claimOf(plan, "engine-a", t0);
        RetryPolicy once = new RetryPolicy(1, Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 0);

        assertThat(changed(tx.inTransaction(c -> transitions.fail(c, a, "engine-a", "flaky", true, null, t0, t0,
                once, new ArrayList<>())))).isTrue();
        assertThat(row(plan, "s0").state()).isEqualTo(StepState.DEAD_LETTERED);
        assertThat(planState(plan)).isEqualTo("failed");
    }

    @Test
    void aStepWhoseAgentDoesNotHoldItsCapabilityIsRejectedWhenItsTurnComes() {
        String plan = newPlan("reviewer", "github.write"); // the read-only reviewer may not commit
        ClaimedStep a = claimOf(plan, "engine-a", t0);

        assertThat(changed(tx.inTransaction(c -> transitions.complete(c, a, "engine-a", Map.of(), "done", t0,
                new ArrayList<>())))).isTrue();
        assertThat(row(plan, "s1").state()).isEqualTo(StepState.REJECTED);
        assertThat(planState(plan)).isEqualTo("rejected");
    }

    // ------------------------------------------------------------------ helpers

    private static String planState(String planId) {
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select state from plans where id = ?")) {
                ps.setString(1, planId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    /** A plan of the default agent with two steps: s0 queued (runnable from t0), s1 pending behind it. */
    private String newPlan() {
        return newPlan("default", "repo.read");
    }

    /** The same for another agent, with s1 claiming {@code secondCapability}. */
    private String newPlan(String agent, String secondCapability) {
        String id = "pl_test_" + UUID.randomUUID();
        tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into plans (id, goal, agent, state, created_at, updated_at)
                    values (?, 'transitions', ?, 'running', ?, ?)""")) {
                ps.setString(1, id);
                ps.setString(2, agent);
                ps.setTimestamp(3, Timestamp.from(t0));
                ps.setTimestamp(4, Timestamp.from(t0));
                ps.executeUpdate();
            }
            insertStep(c, id, 0, StepState.QUEUED, List.of(), "repo.read");
            insertStep(c, id, 1, StepState.PENDING, List.of("s0"), secondCapability);
            return null;
        });
        return id;
    }

    private void insertStep(Connection c, String planId, int position, StepState state, List<String> dependsOn,
                            String capability) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into steps (plan_id, id, position, action, tool, capability, capability_label,
                                   approval_required, timeout_seconds, depends_on, state, run_after)
                values (?, ?, ?, 'act', 'noop', ?, 'Act', false, 60, ?, ?, ?)""")) {
            ps.setString(1, planId);
            ps.setString(2, "s" + position);
            ps.setInt(3, position);
            ps.setString(4, capability);
            ps.setArray(5, c.createArrayOf("text", dependsOn.toArray()));
            ps.setString(6, state.wire());
            ps.setTimestamp(7, state == StepState.QUEUED ? Timestamp.from(t0) : null);
            ps.executeUpdate();
        }
    }

    private static List<ClaimedStep> claim(String owner, Instant now) {
        return tx.inTransaction(c -> transitions.claim(c, owner, now, now.plus(LEASE), 100, new ArrayList<>()));
    }

    /** Claims every runnable step (other tests' too, which is harmless) and returns this plan's. */
    private static ClaimedStep claimOf(String planId, String owner, Instant now) {
        return claim(owner, now).stream().filter(s -> s.planId().equals(planId)).findFirst().orElseThrow();
    }

    private static void sweep(Instant now) {
        tx.inTransaction(c -> transitions.reclaimExpired(c, now, RetryPolicy.DEFAULT, new ArrayList<>(), Set.of(),
                Duration.ZERO));
    }

    private static boolean changed(Boolean changed) {
        return changed;
    }

    private static List<String> held(List<String> keys) {
        return keys;
    }

    record Row(StepState state, int attempt, String leaseOwner) {
    }

    private static Row row(String planId, String stepId) {
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select state, attempt, lease_owner from steps where plan_id = ? and id = ?")) {
                ps.setString(1, planId);
                ps.setString(2, stepId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Row(StepState.fromWire(rs.getString(1)), rs.getInt(2), rs.getString(3));
                }
            }
        });
    }
}

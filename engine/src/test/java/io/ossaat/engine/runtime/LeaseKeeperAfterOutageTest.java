package io.ossaat.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ossaat.engine.agents.AgentCatalog;
import io.ossaat.engine.events.EventFeed;
import io.ossaat.engine.storage.DataAccessException;
import io.ossaat.engine.storage.Database;
import io.ossaat.engine.storage.Transactions;
import io.ossaat.engine.testing.MutableClock;
import io.ossaat.engine.testing.RestartablePostgres;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.tools.ToolRegistry;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted for longer than a lease: when it is back, every lease of another instance looks expired,
 * because no owner could renew it while it was away. An instance's sweeper must give the owners a whole lease to
 * renew before it takes their steps (else two instances run one step at once), and must still take the step of an
 * owner that does not renew (it died). Real PostgreSQL, stopped and started; the sweeper's clock is moved by hand
 * (the server's own uptime, which the sweep also asks for, is real).
 */
class LeaseKeeperAfterOutageTest {
    static final Duration LEASE = Duration.ofSeconds(2);

    @Test
    void afterAnOutageTheSweeperWaitsALeaseForTheOwnersToRenew() throws Exception {
        try (Outage o = new Outage(LEASE)) {
            o.sweeper.tick(); // nothing has expired yet
            assertThat(o.state()).isEqualTo("running");

            o.pg.stopServer();
            o.clock.advance(LEASE.plusSeconds(1)); // engine-a could not renew: its lease ran out meanwhile
            assertThatThrownBy(o.sweeper::tick).isInstanceOf(DataAccessException.class);
            o.startPostgres();

            o.clock.advance(LEASE.dividedBy(3)); // the sweeper's next turn, the database back
            o.sweeper.tick();
            assertThat(o.state()).as("engine-a has had no chance to renew yet").isEqualTo("running");
            // nor until it has had time to reconnect and a whole lease
            o.clock.advance(LEASE.plus(LeaseKeeper.RECONNECT_GRACE).minus(LEASE.dividedBy(3)).minusSeconds(1));
            o.sweeper.tick();
            assertThat(o.state()).isEqualTo("running");

            // engine-a is alive: its heartbeat renews the lease, which the sweeper then respects
            o.renewOnA();
            o.clock.advance(LEASE.dividedBy(2));
            o.sweeper.tick();
            assertThat(o.state()).isEqualTo("running");

            // engine-a renews no more (it died): its step is back in line once its lease ran out and the
            // restarted server has been up for a lease and the grace
            o.awaitRetryingAsTheClockMoves();
        }
    }

    /**
     * The instance that saw nothing of the outage: idle (no step of its own, so no heartbeat), it made no call while
     * PostgreSQL was away. When the server is back, every lease of the other owners looks expired to it; it must
     * still wait until the server has been up for a lease and the reconnect grace, which it learns from the server.
     */
    @Test
    void anInstanceThatSawNoOutageWaitsForTheRestartedServerToBeUpALease() throws Exception {
        // the server's uptime is real time: a window of 5 s + the grace leaves a loaded machine time to tick in it
        Duration lease = Duration.ofSeconds(5);
        try (Outage o = new Outage(lease)) {
            o.pg.stopServer();
            o.clock.advance(lease.multipliedBy(3)); // engine-a's heartbeats fail meanwhile; engine-b calls nothing
            o.startPostgres();

            o.sweeper.tick();
            assertThat(o.state()).as("engine-a has had no chance to renew yet").isEqualTo("running");

            // engine-a renews; later it renews no more (it died): once the server has been up for a lease and the
            // grace, its step is back in line
            o.renewOnA();
            o.awaitRetryingAsTheClockMoves();
        }
    }

    /**
     * A shared PostgreSQL that can be stopped and started, a plan whose one step engine-a has claimed, and engine-b's
     * sweeper with the given lease on a clock moved by hand.
     */
    private static final class Outage implements AutoCloseable {
        final MutableClock clock = new MutableClock();
        final RestartablePostgres pg;
        final LeaseKeeper sweeper;
        private final Duration lease;
        private final Database db;
        private final Transactions tx;
        private final StepTransitions transitions;
        private final String plan;
        private final ClaimedStep onA;

        Outage(Duration lease) throws Exception {
            this.lease = lease;
            Path dir = TestEngines.newDataDir();
            this.pg = RestartablePostgres.start(dir.resolve("shared-pg"));
            try {
                this.db = Database.start(Optional.of(pg.jdbcUrl()), dir, 2);
            } catch (RuntimeException e) {
                pg.close();
                throw e;
            }
            this.tx = new Transactions(db.dataSource());
            this.transitions = new StepTransitions(AgentCatalog.load(dir, ToolRegistry.builtIn()));
            TransitionCommitter commits = new TransitionCommitter(tx, new EventFeed(tx, null), clock, () -> { });
            this.sweeper = new LeaseKeeper(tx, commits, transitions, new RunningSteps(), "engine-b", clock,
                    StepRuntime.Settings.defaults(1).withLease(lease));
            Instant t0 = clock.instant();
            this.plan = newPlan(tx, t0);
            this.onA = tx.inTransaction(c -> transitions.claim(c, "engine-a", t0, t0.plus(lease), 10,
                    new ArrayList<>())).getFirst();
        }

        /** Starts the stopped server and waits until the pool has found out its connections died with the old one. */
        void startPostgres() throws IOException {
            pg.startServer();
            // the pool finds out one failed use at a time
            await().atMost(Duration.ofSeconds(60)).ignoreException(DataAccessException.class)
                    .until(() -> tx.inTransaction(c -> c.isValid(1)));
        }

        /** engine-a's heartbeat: its lease runs a lease from now. */
        void renewOnA() {
            Instant now = clock.instant();
            tx.inTransaction(c -> transitions.heartbeat(c, "engine-a", List.of(onA), now.plus(lease)));
        }

        /** The step goes back in line (engine-a renews no more) once the clock moved on enough, a lease a turn. */
        void awaitRetryingAsTheClockMoves() {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                clock.advance(lease);
                sweeper.tick();
                return state().equals("retrying");
            });
        }

        String state() {
            return LeaseKeeperAfterOutageTest.state(tx, plan);
        }

        @Override
        public void close() throws Exception {
            try {
                db.close();
            } finally {
                pg.close();
            }
        }
    }

    private static String newPlan(Transactions tx, Instant t0) {
        String id = "pl_outage_" + t0.toEpochMilli();
        tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into plans (id, goal, agent, state, created_at, updated_at)
                    values (?, 'outage', 'default', 'running', ?, ?)""")) {
                ps.setString(1, id);
                ps.setTimestamp(2, Timestamp.from(t0));
                ps.setTimestamp(3, Timestamp.from(t0));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into steps (plan_id, id, position, action, tool, capability, capability_label,
                                       approval_required, timeout_seconds, depends_on, state, run_after)
                    values (?, 's0', 0, 'act', 'noop', 'repo.read', 'Act', false, 60, '{}', 'queued', ?)""")) {
                ps.setString(1, id);
                ps.setTimestamp(2, Timestamp.from(t0));
                ps.executeUpdate();
            }
            return null;
        });
        return id;
    }

    private static String state(Transactions tx, String planId) {
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select state from steps where plan_id = ? and id = 's0'")) {
                ps.setString(1, planId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }
}

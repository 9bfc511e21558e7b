package io.ossaat.engine.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.ossaat.engine.WakeUp;
import io.ossaat.engine.events.NewEvent;
import io.ossaat.engine.storage.DataAccessException;
import io.ossaat.engine.storage.Transactions;

/**
 * Keeps this instance's leases and deadlines: extends the leases of its running steps (heartbeat), stops the steps
 * whose lease was lost (cancelled elsewhere, or taken by a sweeper) or whose timeout passed, and puts steps whose
 * engine died back in line (sweep). After the database was away, no owner could renew its leases, so a sweep waits
 * until every owner has had time to reconnect and a whole lease to renew theirs: counted from the last failure this
 * instance saw (it keeps looking while it waits, so that is about when the database came back), and from the
 * server's own start, which every instance sees alike, even one that made no call while the server was down. Every
 * due time is read from the injected clock; the loop looks at least every {@link #CHECK_EVERY} of real time, or at
 * once when poked, so a test moves the clock instead of sleeping.
 */
final class LeaseKeeper {
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /**
     * How much longer than a lease a sweeper waits after the database was away: the connection pool reconnects with
     * a back-off of up to 5 s, so an owner's first heartbeat can come that much after the sweeper's own reconnect.
     */
    static final Duration RECONNECT_GRACE = Duration.ofSeconds(10);
    private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());

    private final Transactions tx;
    private final TransitionCommitter commits;
    private final StepTransitions transitions;
    private final RunningSteps running;
    private final String owner;
    private final Clock clock;
    private final StepRuntime.Settings settings;
    private final WakeUp wake = new WakeUp();
    private Instant nextHeartbeat;
    private Instant nextSweep = Instant.MIN;
    /** When a heartbeat, a sweep or a look last found the database unavailable. */
    private Instant databaseFailedAt = Instant.MIN;

    LeaseKeeper(Transactions tx, TransitionCommitter commits, StepTransitions transitions, RunningSteps running,
                String owner, Clock clock, StepRuntime.Settings settings) {
        this.tx = tx;
        this.commits = commits;
        this.transitions = transitions;
        this.running = running;
        this.owner = owner;
        this.clock = clock;
        this.settings = settings;
        this.nextHeartbeat = clock.instant().plus(every());
    }

    /** The loop; returns when interrupted. */
    void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                wake.await(CHECK_EVERY.compareTo(every()) < 0 ? CHECK_EVERY : every());
                tick();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "lease keeper: " + e.getMessage());
            }
        }
    }

    /** Look now: the clock may have moved. */
    void poke() {
        wake.signal();
    }

    private Duration every() {
        return settings.lease().dividedBy(3);
    }

    /** How long the owners have, after the database is back, to renew their leases. */
    private Duration othersRenew() {
        return settings.lease().plus(RECONNECT_GRACE);
    }

    /** One look at the deadlines, the heartbeat and the sweep, when they are due (the loop; tests call it). */
    void tick() {
        Instant now = clock.instant();
        for (RunningSteps.Running r : running.all()) {
            if (!now.isBefore(r.deadline) && r.timedOut.compareAndSet(false, true)) {
                r.interruptTool();
            }
        }
        try {
            if (!now.isBefore(nextHeartbeat)) {
                nextHeartbeat = now.plus(every());
                heartbeat();
            }
            if (!now.isBefore(nextSweep)) {
                nextSweep = now.plus(every());
                // after the database was away, the other owners' heartbeats failed too: their leases only look
                // expired until they have reconnected and had a whole lease to renew them
                if (now.isBefore(databaseFailedAt.plus(othersRenew()))) {
                    tx.read(LeaseKeeper::answers); // still away? then the wait starts again
                } else {
                    List<NewEvent> events = new ArrayList<>();
                    Set<String> mine = running.keys();
                    commits.commit(events, c -> transitions.reclaimExpired(c, now, settings.retry(), events, mine,
                            othersRenew()));
                }
            }
        } catch (DataAccessException e) {
            databaseFailedAt = clock.instant();
            throw e;
        }
    }

    private static boolean answers(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.execute("select 1");
        }
    }

    /** Extends the leases still held; a step whose lease is gone is stopped, its result would be discarded. */
    private void heartbeat() {
        if (running.isEmpty()) {
            return;
        }
        // only steps claimed before the query can be judged by its answer
        List<RunningSteps.Running> before = List.copyOf(running.all());
        List<ClaimedStep> steps = before.stream().map(r -> r.step).toList();
        // the lease counts from when the database answers: getting a connection can take seconds after an outage
        List<String> held = tx.inTransaction(c -> transitions.heartbeat(c, owner, steps,
                clock.instant().plus(settings.lease())));
        for (RunningSteps.Running r : before) {
            if (!held.contains(r.step.key())) {
                r.cancel();
            }
        }
    }
}

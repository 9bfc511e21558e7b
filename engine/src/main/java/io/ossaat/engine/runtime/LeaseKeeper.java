package io.ossaat.engine.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.ossaat.engine.WakeUp;
import io.ossaat.engine.events.NewEvent;
import io.ossaat.engine.storage.Transactions;

/**
 * Keeps this instance's leases and deadlines: extends the leases of its running steps (heartbeat), stops the steps
 * whose lease was lost (cancelled elsewhere, or taken by a sweeper) or whose timeout passed, and puts steps whose
 * engine died back in line (sweep). Every due time is read from the injected clock; the loop looks at least every
 * {@link #CHECK_EVERY} of real time, or at once when poked, so a test moves the clock instead of sleeping.
 */
final class LeaseKeeper {
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
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

    private void tick() {
        Instant now = clock.instant();
        for (RunningSteps.Running r : running.all()) {
            if (!now.isBefore(r.deadline) && r.timedOut.compareAndSet(false, true)) {
                r.interruptTool();
            }
        }
        if (!now.isBefore(nextHeartbeat)) {
            nextHeartbeat = now.plus(every());
            heartbeat(now);
        }
        if (!now.isBefore(nextSweep)) {
            nextSweep = now.plus(every());
            List<NewEvent> events = new ArrayList<>();
            Set<String> mine = running.keys();
            commits.commit(events, c -> transitions.reclaimExpired(c, now, settings.retry(), events, mine));
        }
    }

    /** Extends the leases still held; a step whose lease is gone is stopped, its result would be discarded. */
    private void heartbeat(Instant now) {
        if (running.isEmpty()) {
            return;
        }
        // only steps claimed before the query can be judged by its answer
        Set<String> before = running.keys();
        List<String> held = tx.inTransaction(c -> transitions.heartbeat(c, owner, now.plus(settings.lease())));
        for (RunningSteps.Running r : running.all()) {
            if (before.contains(r.step.key()) && !held.contains(r.step.key())) {
                r.cancel();
            }
        }
    }
}

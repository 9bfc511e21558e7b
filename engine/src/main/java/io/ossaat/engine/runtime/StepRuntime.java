package io.ossaat.engine.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

import io.ossaat.engine.WakeUp;
import io.ossaat.engine.agents.AgentCatalog;
import io.ossaat.engine.agents.AgentProfile;
import io.ossaat.engine.bus.RedisBus;
import io.ossaat.engine.events.EventFeed;
import io.ossaat.engine.events.NewEvent;
import io.ossaat.engine.storage.DataAccessException;
import io.ossaat.engine.storage.Transactions;
import io.ossaat.engine.tools.PlanWorktrees;
import io.ossaat.engine.tools.Processes;
import io.ossaat.engine.tools.Tool;
import io.ossaat.engine.tools.ToolContext;
import io.ossaat.engine.tools.ToolFailure;
import io.ossaat.engine.tools.ToolRegistry;
import io.ossaat.engine.tools.ToolResult;

/**
 * Runs steps. A dispatcher claims runnable steps from Postgres (one statement, {@code FOR UPDATE SKIP LOCKED}, a
 * lease) up to the number of idle runners ({@code --runners} of them); each runs on its own virtual thread and its
 * outcome is committed through the {@link TransitionCommitter}. The {@link LeaseKeeper} extends the leases, stops
 * steps that were cancelled elsewhere or ran out of time, and puts steps whose engine died back in line. Wake-ups
 * come from this instance's commits and over Redis from other instances; without Redis the dispatcher polls.
 */
public final class StepRuntime implements AutoCloseable {
    public static final String WORK_CHANNEL = "ossaat:work";
    public static final String CANCEL_CHANNEL = "ossaat:cancel";
    private static final System.Logger LOG = System.getLogger(StepRuntime.class.getName());
    private static final Duration RECORD_RETRY_FIRST = Duration.ofMillis(250);
    private static final Duration RECORD_RETRY_MAX = Duration.ofSeconds(5);

    /** Told when a step goes from runnable to running (the SLO monitor's step-dispatch indicator). */
    @FunctionalInterface
    public interface DispatchObserver {
        void dispatched(Duration waited);
    }

    /** Tunables; tests shorten the lease to see a dead engine's steps come back quickly. */
    public record Settings(int runners, Duration lease, RetryPolicy retry, Duration pollWithRedis,
                           Duration pollWithoutRedis) {
        public static Settings defaults(int runners) {
            return new Settings(runners, Duration.ofSeconds(15), RetryPolicy.DEFAULT, Duration.ofSeconds(1),
                    Duration.ofMillis(200));
        }

        public Settings withLease(Duration d) {
            return new Settings(runners, d, retry, pollWithRedis, pollWithoutRedis);
        }

        public Settings withRetry(RetryPolicy r) {
            return new Settings(runners, lease, r, pollWithRedis, pollWithoutRedis);
        }
    }

    private final ToolRegistry tools;
    private final PlanWorktrees worktrees;
    private final AgentCatalog agents;
    private final StepTransitions transitions;
    private final TransitionCommitter commits;
    private final LeaseKeeper leases;
    private final RedisBus bus;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Settings settings;
    private final String owner = "engine-" + UUID.randomUUID().toString().substring(0, 8);
    private final Semaphore idleRunners;
    private final RunningSteps running = new RunningSteps();
    private final WakeUp work = new WakeUp();
    private final AtomicLong dispatchPasses = new AtomicLong();
    private volatile DispatchObserver dispatchObserver = waited -> { };
    private volatile boolean closed;
    private final List<Thread> loops = new ArrayList<>();

    public StepRuntime(Transactions tx, EventFeed feed, RedisBus bus, ToolRegistry tools, PlanWorktrees worktrees,
                       AgentCatalog agents, Clock clock, DoubleSupplier random, Settings settings) {
        this.worktrees = worktrees;
        this.agents = agents;
        this.bus = bus;
        this.tools = tools;
        this.transitions = new StepTransitions(agents);
        this.commits = new TransitionCommitter(tx, feed, clock, this::workAppeared);
        this.leases = new LeaseKeeper(tx, commits, transitions, running, owner, clock, settings);
        this.clock = clock;
        this.random = random;
        this.settings = settings;
        this.idleRunners = new Semaphore(settings.runners());
    }

    public static DoubleSupplier defaultRandom() {
        return () -> ThreadLocalRandom.current().nextDouble();
    }

    public void observeDispatch(DispatchObserver observer) {
        this.dispatchObserver = observer;
    }

    public void start() {
        bus.listen(WORK_CHANNEL, m -> poke());
        bus.listen(CANCEL_CHANNEL, running::cancelPlan);
        loops.add(Thread.ofVirtual().name("ossaat-dispatcher").start(this::dispatchLoop));
        loops.add(Thread.ofVirtual().name("ossaat-leases").start(leases::run));
        poke();
    }

    /** Something may be runnable: wake this dispatcher now and the others over Redis. */
    public void workAppeared() {
        work.signal();
        bus.publish(WORK_CHANNEL, "1");
    }

    /** A plan was cancelled: interrupt its running tools here and on every other instance. */
    public void planCancelled(String planId) {
        running.cancelPlan(planId);
        bus.publish(CANCEL_CHANNEL, planId);
    }

    /** Wakes the dispatcher and the lease keeper (tests call it after moving the clock). */
    public void poke() {
        work.signal();
        leases.poke();
    }

    /** Whether the dispatcher and lease loops are alive (for /readyz). */
    public boolean isRunning() {
        return !closed && !loops.isEmpty() && loops.stream().allMatch(Thread::isAlive);
    }

    /** Steps this instance is running now. */
    public int runningCount() {
        return running.size();
    }

    /** How many times the dispatcher has looked for work (tests wait for a pass instead of sleeping). */
    long dispatchPasses() {
        return dispatchPasses.get();
    }

    TransitionCommitter commits() {
        return commits;
    }

    StepTransitions transitions() {
        return transitions;
    }

    private void dispatchLoop() {
        while (!closed) {
            try {
                work.await(bus.isSubscribed() ? settings.pollWithRedis() : settings.pollWithoutRedis());
                if (closed) {
                    return;
                }
                dispatchAvailable();
                dispatchPasses.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "dispatcher: " + e.getMessage());
                    sleepQuietly(Duration.ofMillis(500));
                }
            }
        }
    }

    private void dispatchAvailable() throws InterruptedException {
        while (!closed) {
            int n = idleRunners.availablePermits();
            if (n == 0) {
                return;
            }
            Instant now = clock.instant();
            List<NewEvent> events = new ArrayList<>();
            List<ClaimedStep> claimed = commits.commit(events,
                    c -> transitions.claim(c, owner, now, now.plus(settings.lease()), n, events));
            if (claimed.isEmpty()) {
                return;
            }
            for (ClaimedStep s : claimed) {
                Duration waited = Duration.between(s.runnableSince(), now);
                dispatchObserver.dispatched(waited.isNegative() ? Duration.ZERO : waited);
                idleRunners.acquire();
                RunningSteps.Running[] holder = new RunningSteps.Running[1];
                Thread t = Thread.ofVirtual().name("ossaat-step-" + s.key()).unstarted(() -> execute(holder[0]));
                holder[0] = new RunningSteps.Running(s, t, now.plusSeconds(s.timeoutSeconds()));
                running.add(holder[0]);
                t.start();
            }
            if (claimed.size() < n) {
                return;
            }
        }
    }

    private void execute(RunningSteps.Running r) {
        try {
            Outcome outcome = run(r);
            recordUntilStored(r, outcome);
        } catch (RuntimeException e) {
            // the lease runs out and another runner takes the step again
            LOG.log(System.Logger.Level.WARNING, "could not record step " + r.step.key() + ": " + e.getMessage());
        } finally {
            running.remove(r);
            idleRunners.release();
            work.signal();
        }
    }

    private record Outcome(ToolResult result, ToolFailure failure, boolean interrupted) {
    }

    private Outcome run(RunningSteps.Running r) {
        ClaimedStep s = r.step;
        try {
            Optional<Tool> tool = tools.find(s.tool());
            if (tool.isEmpty()) {
                return new Outcome(null, new ToolFailure("no tool named '" + s.tool() + "' is registered", false), false);
            }
            ToolContext context = new ToolContext(s.planId(), s.stepId(), s.attempt(),
                    () -> s.workspace() == null ? Optional.empty()
                            : Optional.of(worktrees.open(s.planId(), s.workspace(), s.inputs())),
                    s.inputs(), Processes.fromEngine(agents.find(s.agent()).map(AgentProfile::env).orElse(List.of())));
            r.enterTool();
            try {
                if (r.cancelled.get() || r.timedOut.get() || closed) {
                    throw new InterruptedException("stopped before it started");
                }
                return new Outcome(tool.get().run(context), null, false);
            } finally {
                r.leaveTool();
            }
        } catch (ToolFailure f) {
            return new Outcome(null, f, false);
        } catch (InterruptedException e) {
            return new Outcome(null, null, true);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "step " + s.key() + " failed unexpectedly", e);
            return new Outcome(null, new ToolFailure("unexpected error: " + e, false), false);
        }
    }

    /**
     * Records the outcome, trying again while the database is unavailable (a restart, a failover): the step's effect
     * has happened, and dropping its result would have another runner do it again once the lease ran out. The step
     * stays among this instance's running steps meanwhile, so its lease is extended as soon as the database is back
     * and no sweeper takes it. The guarded update discards the result if the lease was lost all the same.
     */
    private void recordUntilStored(RunningSteps.Running r, Outcome outcome) {
        Duration wait = RECORD_RETRY_FIRST;
        while (true) {
            try {
                record(r.step, outcome, r.cancelled.get(), r.timedOut.get());
                return;
            } catch (DataAccessException e) {
                if (e.kind() != DataAccessException.Kind.UNAVAILABLE || closed) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "could not record step " + r.step.key() + " (the database is"
                        + " unavailable), trying again in " + wait.toMillis() + " ms: " + e.getMessage());
            }
            sleepQuietly(wait);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(RECORD_RETRY_MAX) > 0 ? RECORD_RETRY_MAX : wait.multipliedBy(2);
        }
    }

    private void record(ClaimedStep s, Outcome o, boolean cancelled, boolean timedOut) {
        if (cancelled || closed && o.interrupted()) {
            if (closed && !cancelled) {
                List<NewEvent> events = new ArrayList<>();
                commits.changed(events, c -> transitions.release(c, s, owner, clock.instant(), events));
            }
            return; // the canceller already wrote the step's final state
        }
        Instant now = clock.instant();
        List<NewEvent> events = new ArrayList<>();
        boolean changed;
        if (o.result() != null) {
            changed = commits.changed(events, c -> transitions.complete(c, s, owner, o.result().output(),
                    o.result().summary(), now, events));
        } else {
            String message = o.interrupted() ? (timedOut ? "timed out after " + s.timeoutSeconds() + " s" : "interrupted")
                    : o.failure().getMessage();
            boolean retryable = o.interrupted() || o.failure().retryable();
            Map<String, Object> output = o.failure() == null || o.failure().output().isEmpty() ? null : o.failure().output();
            Instant retryAt = now.plus(settings.retry().backoff(s.attempt(), random));
            changed = commits.changed(events, c -> transitions.fail(c, s, owner, message, retryable, output, now,
                    retryAt, settings.retry(), events));
        }
        if (!changed) {
            LOG.log(System.Logger.Level.INFO, "step " + s.key() + " finished after its lease was lost; result discarded");
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops claiming, interrupts running tools and hands their steps back so another instance runs them. */
    @Override
    public void close() {
        closed = true;
        loops.forEach(Thread::interrupt);
        running.all().forEach(RunningSteps.Running::interruptTool);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            sleepQuietly(Duration.ofMillis(20));
        }
    }
}

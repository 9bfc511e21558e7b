package io.ossaat.engine.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

import io.ossaat.engine.WakeUp;
import io.ossaat.engine.bus.RedisBus;
import io.ossaat.engine.events.Event;
import io.ossaat.engine.events.EventFeed;
import io.ossaat.engine.events.EventLog;
import io.ossaat.engine.events.NewEvent;
import io.ossaat.engine.storage.Transactions;
import io.ossaat.engine.tools.Tool;
import io.ossaat.engine.tools.ToolContext;
import io.ossaat.engine.tools.ToolFailure;
import io.ossaat.engine.tools.ToolRegistry;
import io.ossaat.engine.tools.ToolResult;

/**
 * Runs steps. A dispatcher claims runnable steps from Postgres (one statement, {@code FOR UPDATE SKIP LOCKED}, a
 * lease) up to the number of idle runners ({@code --runners} of them); each runs on its own virtual thread. A
 * heartbeat extends the leases and interrupts steps that were cancelled elsewhere; a sweeper puts steps whose engine
 * died back in line. Wake-ups come from this instance's commits and over Redis from other instances; without Redis
 * the dispatcher polls.
 */
public final class StepRuntime implements AutoCloseable {
    public static final String WORK_CHANNEL = "ossaat:work";
    public static final String CANCEL_CHANNEL = "ossaat:cancel";
    private static final System.Logger LOG = System.getLogger(StepRuntime.class.getName());

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

    private final Transactions tx;
    private final EventFeed feed;
    private final RedisBus bus;
    private final ToolRegistry tools;
    private final StepTransitions transitions;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Settings settings;
    private final String owner = "engine-" + UUID.randomUUID().toString().substring(0, 8);
    private final Semaphore idleRunners;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final WakeUp work = new WakeUp();
    private volatile DispatchObserver dispatchObserver = waited -> { };
    private volatile boolean closed;
    private final List<Thread> loops = new ArrayList<>();

    /**
     * A step being worked on. Interrupts reach the runner only while its tool runs: an interrupt during a JDBC
     * call would close the connection and lose the step's result.
     */
    private static final class Running {
        final ClaimedStep step;
        final Thread thread;
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicBoolean timedOut = new AtomicBoolean();
        private boolean inTool;

        Running(ClaimedStep step, Thread thread) {
            this.step = step;
            this.thread = thread;
        }

        ClaimedStep step() {
            return step;
        }

        synchronized void enterTool() {
            inTool = true;
        }

        synchronized void leaveTool() {
            inTool = false;
            Thread.interrupted();
        }

        /** Stops the tool if it is running; the flags say why. */
        synchronized void interruptTool() {
            if (inTool) {
                thread.interrupt();
            }
        }
    }

    public StepRuntime(Transactions tx, EventFeed feed, RedisBus bus, ToolRegistry tools,
                       io.ossaat.engine.agents.AgentCatalog agents, Clock clock, DoubleSupplier random, Settings settings) {
        this.tx = tx;
        this.feed = feed;
        this.bus = bus;
        this.tools = tools;
        this.transitions = new StepTransitions(agents);
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
        bus.listen(CANCEL_CHANNEL, this::interruptPlan);
        loops.add(Thread.ofVirtual().name("ossaat-dispatcher").start(this::dispatchLoop));
        loops.add(Thread.ofVirtual().name("ossaat-heartbeat").start(this::heartbeatLoop));
        poke();
    }

    /** Something may be runnable: wake this dispatcher now and the others over Redis. */
    public void workAppeared() {
        poke();
        bus.publish(WORK_CHANNEL, "1");
    }

    /** A plan was cancelled: interrupt its running tools here and on every other instance. */
    public void planCancelled(String planId) {
        interruptPlan(planId);
        bus.publish(CANCEL_CHANNEL, planId);
    }

    /** Wakes the dispatcher (tests call it after moving the clock). */
    public void poke() {
        work.signal();
    }

    /** Whether the dispatcher and heartbeat loops are alive (for /readyz). */
    public boolean isRunning() {
        return !closed && !loops.isEmpty() && loops.stream().allMatch(Thread::isAlive);
    }

    /** Steps this instance is running now. */
    public int runningCount() {
        return running.size();
    }

    private void dispatchLoop() {
        while (!closed) {
            try {
                awaitWork();
                if (closed) {
                    return;
                }
                sweepExpired();
                dispatchAvailable();
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

    private void awaitWork() throws InterruptedException {
        work.await(bus.isSubscribed() ? settings.pollWithRedis() : settings.pollWithoutRedis());
    }

    private Instant lastSweep = Instant.EPOCH;

    private void sweepExpired() {
        Instant now = clock.instant();
        if (Duration.between(lastSweep, now).compareTo(settings.lease().dividedBy(3)) < 0) {
            return;
        }
        lastSweep = now;
        List<NewEvent> events = new ArrayList<>();
        commit(events, c -> transitions.reclaimExpired(c, now, settings.retry(), events) > 0);
    }

    private void dispatchAvailable() throws InterruptedException {
        while (!closed) {
            int n = idleRunners.availablePermits();
            if (n == 0) {
                return;
            }
            Instant now = clock.instant();
            List<NewEvent> events = new ArrayList<>();
            List<ClaimedStep> claimed = commitResult(events,
                    c -> transitions.claim(c, owner, now, now.plus(settings.lease()), n, events));
            if (claimed.isEmpty()) {
                return;
            }
            for (ClaimedStep s : claimed) {
                dispatchObserver.dispatched(Duration.between(s.runnableSince(), now).isNegative()
                        ? Duration.ZERO : Duration.between(s.runnableSince(), now));
                idleRunners.acquire();
                Running[] holder = new Running[1];
                Thread t = Thread.ofVirtual().name("ossaat-step-" + s.key()).unstarted(() -> execute(holder[0]));
                holder[0] = new Running(s, t);
                running.put(s.key(), holder[0]);
                t.start();
            }
            if (claimed.size() < n) {
                return;
            }
        }
    }

    private void execute(Running r) {
        ClaimedStep s = r.step();
        Thread timer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(Duration.ofSeconds(s.timeoutSeconds()));
                r.timedOut.set(true);
                r.interruptTool();
            } catch (InterruptedException e) {
                // finished in time
            }
        });
        try {
            Outcome outcome = run(r);
            timer.interrupt();
            record(s, outcome, r.cancelled.get(), r.timedOut.get());
        } catch (RuntimeException e) {
            // the lease runs out and another runner takes the step again
            LOG.log(System.Logger.Level.WARNING, "could not record step " + s.key() + ": " + e.getMessage());
        } finally {
            timer.interrupt();
            running.remove(s.key());
            idleRunners.release();
            poke();
        }
    }

    private record Outcome(ToolResult result, ToolFailure failure, boolean interrupted) {
    }

    private Outcome run(Running r) {
        ClaimedStep s = r.step();
        try {
            Optional<Tool> tool = tools.find(s.tool());
            if (tool.isEmpty()) {
                return new Outcome(null, new ToolFailure("no tool named '" + s.tool() + "' is registered", false), false);
            }
            ToolContext context = ToolContext.of(s.planId(), s.stepId(), s.attempt(),
                    s.workspace() == null ? null : java.nio.file.Path.of(s.workspace()), s.inputs());
            r.enterTool();
            try {
                if (r.cancelled.get() || closed) {
                    throw new InterruptedException("cancelled before it started");
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

    private void record(ClaimedStep s, Outcome o, boolean cancelled, boolean timedOut) {
        if (cancelled || closed && o.interrupted()) {
            if (closed && !cancelled) {
                List<NewEvent> events = new ArrayList<>();
                commit(events, c -> transitions.release(c, s, owner, clock.instant(), events));
            }
            return; // the canceller already wrote the step's final state
        }
        Instant now = clock.instant();
        List<NewEvent> events = new ArrayList<>();
        boolean changed;
        if (o.result() != null) {
            changed = commit(events, c -> transitions.complete(c, s, owner, o.result().output(), o.result().summary(),
                    now, events));
        } else {
            String message = o.interrupted() ? (timedOut ? "timed out after " + s.timeoutSeconds() + " s" : "interrupted")
                    : o.failure().getMessage();
            boolean retryable = o.interrupted() || o.failure().retryable();
            Map<String, Object> output = o.failure() == null || o.failure().output().isEmpty() ? null : o.failure().output();
            Instant retryAt = now.plus(settings.retry().backoff(s.attempt(), random));
            changed = commit(events, c -> transitions.fail(c, s, owner, message, retryable, output, now, retryAt,
                    settings.retry(), events));
        }
        if (!changed) {
            LOG.log(System.Logger.Level.INFO, "step " + s.key() + " finished after its lease was lost; result discarded");
        }
    }

    private void heartbeatLoop() {
        while (!closed) {
            try {
                Thread.sleep(settings.lease().dividedBy(3));
                if (running.isEmpty()) {
                    continue;
                }
                // only steps claimed before the query can be judged by its answer
                java.util.Set<String> before = java.util.Set.copyOf(running.keySet());
                List<String> held = tx.inTransaction(c -> transitions.heartbeat(c, owner, clock.instant().plus(settings.lease())));
                for (Running r : running.values()) {
                    if (before.contains(r.step().key()) && !held.contains(r.step().key())) {
                        r.cancelled.set(true);
                        r.interruptTool();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "heartbeat: " + e.getMessage());
                }
            }
        }
    }

    private void interruptPlan(String planId) {
        for (Running r : running.values()) {
            if (r.step().planId().equals(planId)) {
                r.cancelled.set(true);
                r.interruptTool();
            }
        }
    }

    /** Runs a transition with its events in one transaction; afterwards tells the feed and wakes the runners. */
    private boolean commit(List<NewEvent> events, Transactions.Work<Boolean> work) {
        return Boolean.TRUE.equals(commitResult(events, work));
    }

    private <T> T commitResult(List<NewEvent> events, Transactions.Work<T> work) {
        Instant at = clock.instant();
        List<Event> written = new ArrayList<>();
        T result = tx.inTransaction(c -> {
            T r = work.run(c);
            written.addAll(EventLog.append(c, events, at));
            return r;
        });
        if (!written.isEmpty()) {
            feed.committed(written.getLast().seq());
            if (written.stream().anyMatch(e -> "queued".equals(e.state()) || "retrying".equals(e.state()))) {
                workAppeared();
            }
        }
        return result;
    }

    /** Runs a plan-level transition (approve, reject, cancel) the same way; used by {@link PlanActions}. */
    <T> T commitTransition(Transactions.Work<T> work, List<NewEvent> events) {
        return commitResult(events, work);
    }

    StepTransitions transitions() {
        return transitions;
    }

    Clock clock() {
        return clock;
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
        for (Running r : running.values()) {
            r.interruptTool();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            sleepQuietly(Duration.ofMillis(20));
        }
    }
}

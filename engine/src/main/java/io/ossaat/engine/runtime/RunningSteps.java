package io.ossaat.engine.runtime;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The steps this instance is running now, by {@code planId/stepId}. */
final class RunningSteps {
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /**
     * A step being worked on. Interrupts reach the runner only while its tool runs: an interrupt during a JDBC
     * call would close the connection and lose the step's result.
     */
    static final class Running {
        final ClaimedStep step;
        final Thread thread;
        /** When the step's timeout passes, on the runtime's clock. */
        final Instant deadline;
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicBoolean timedOut = new AtomicBoolean();
        private boolean inTool;

        Running(ClaimedStep step, Thread thread, Instant deadline) {
            this.step = step;
            this.thread = thread;
            this.deadline = deadline;
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

        void cancel() {
            cancelled.set(true);
            interruptTool();
        }
    }

    void add(Running r) {
        running.put(r.step.key(), r);
    }

    void remove(Running r) {
        running.remove(r.step.key());
    }

    Collection<Running> all() {
        return running.values();
    }

    Set<String> keys() {
        return Set.copyOf(running.keySet());
    }

    int size() {
        return running.size();
    }

    boolean isEmpty() {
        return running.isEmpty();
    }

    /** Interrupts the plan's running tools: it was cancelled. */
    void cancelPlan(String planId) {
        running.values().stream().filter(r -> r.step.planId().equals(planId)).forEach(Running::cancel);
    }
}

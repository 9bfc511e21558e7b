package io.ossaat.engine.runtime;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.ossaat.engine.events.EventFeed;
import io.ossaat.engine.events.EventLog;
import io.ossaat.engine.events.NewEvent;
import io.ossaat.engine.plans.StepState;
import io.ossaat.engine.storage.Transactions;

/**
 * Runs a transition and appends its events in one transaction; afterwards tells the event feed, and the runners
 * when a step became runnable. The one way the runtime and {@link PlanActions} commit a transition.
 */
final class TransitionCommitter {
    private final Transactions tx;
    private final EventFeed feed;
    private final Clock clock;
    private final Runnable workAppeared;

    TransitionCommitter(Transactions tx, EventFeed feed, Clock clock, Runnable workAppeared) {
        this.tx = tx;
        this.feed = feed;
        this.clock = clock;
        this.workAppeared = workAppeared;
    }

    /** @param events the list {@code work} adds its events to */
    <T> T commit(List<NewEvent> events, Transactions.Work<T> work) {
        Instant at = clock.instant();
        T result = tx.inTransaction(c -> {
            T r = work.run(c);
            EventLog.append(c, events, at);
            return r;
        });
        if (!events.isEmpty()) {
            feed.committed();
            if (events.stream().anyMatch(e -> e.state() instanceof StepState s && StepState.RUNNABLE.contains(s))) {
                workAppeared.run();
            }
        }
        return result;
    }

    /** A transition that answers whether it changed anything (a guarded update may find nothing to change). */
    boolean changed(List<NewEvent> events, Transactions.Work<Boolean> work) {
        return Boolean.TRUE.equals(commit(events, work));
    }

    Instant now() {
        return clock.instant();
    }
}

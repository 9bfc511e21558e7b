package io.ossaat.engine.runtime;

import java.util.Optional;

import io.ossaat.engine.agents.AgentCatalog;
import io.ossaat.engine.agents.AgentProfile;
import io.ossaat.engine.events.Event;
import io.ossaat.engine.plans.Plan;
import io.ossaat.engine.plans.PlanService;
import io.ossaat.engine.plans.PlanState;
import io.ossaat.engine.problems.ApiProblem;
import io.ossaat.engine.tools.PlanWorktrees;

/**
 * Decides when a plan's worktree goes: when the plan ends (seen on the event feed, whichever instance ended it), and
 * after a start for plans that ended while the engine was down. A failed plan's worktree stays when the engine runs
 * with {@code --keep-worktrees} or its agent profile says {@code keep_worktrees: true}.
 */
public final class WorktreeCleanup {
    private final PlanWorktrees worktrees;
    private final PlanService plans;
    private final AgentCatalog agents;
    private final boolean keepFailed;

    public WorktreeCleanup(PlanWorktrees worktrees, PlanService plans, AgentCatalog agents, boolean keepFailed) {
        this.worktrees = worktrees;
        this.plans = plans;
        this.agents = agents;
        this.keepFailed = keepFailed;
    }

    /** Removes what plans that are no longer running left behind; running plans keep theirs to reuse. */
    public void afterStart() {
        worktrees.recover(planId -> find(planId).map(p -> !p.state().isFinal() || kept(p)).orElse(false));
    }

    /** An event listener for the feed: quick on the feed's thread, the removal on a thread of its own. */
    public void onEvent(Event e) {
        if (e.stepId() != null || !PlanState.parse(e.state()).map(PlanState::isFinal).orElse(false)
                || worktrees.location(e.planId()).isEmpty()) {
            return;
        }
        Thread.ofVirtual().name("ossaat-worktree-" + e.planId()).start(() ->
                worktrees.ended(e.planId(), find(e.planId()).map(this::kept).orElse(false)));
    }

    private boolean kept(Plan plan) {
        return plan.state() == PlanState.FAILED && (keepFailed
                || agents.find(plan.agent()).map(AgentProfile::keepWorktrees).orElse(false));
    }

    private Optional<Plan> find(String planId) {
        try {
            return Optional.of(plans.get(planId));
        } catch (ApiProblem.NotFound e) {
            return Optional.empty();
        }
    }
}

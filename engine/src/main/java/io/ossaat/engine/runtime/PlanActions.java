package io.ossaat.engine.runtime;

import java.util.ArrayList;
import java.util.List;

import io.ossaat.engine.auth.Permission;
import io.ossaat.engine.auth.Principal;
import io.ossaat.engine.events.NewEvent;
import io.ossaat.engine.plans.Plan;
import io.ossaat.engine.plans.PlanService;

/** What people do to running plans: approve or reject a waiting step, cancel a plan. */
public final class PlanActions {
    private final StepRuntime runtime;
    private final PlanService plans;

    public PlanActions(StepRuntime runtime, PlanService plans) {
        this.runtime = runtime;
        this.plans = plans;
    }

    /** @throws io.ossaat.engine.problems.ApiProblem.Conflict when the step is not waiting for approval */
    public Plan approve(String planId, String stepId, Principal who, String rationale) {
        return decide(planId, stepId, true, who, rationale);
    }

    public Plan reject(String planId, String stepId, Principal who, String rationale) {
        return decide(planId, stepId, false, who, rationale);
    }

    /** @throws io.ossaat.engine.problems.ApiProblem.Forbidden when {@code who} may not decide (an agent never does) */
    private Plan decide(String planId, String stepId, boolean approve, Principal who, String rationale) {
        who.require(Permission.DECIDE);
        List<NewEvent> events = new ArrayList<>();
        TransitionCommitter commits = runtime.commits();
        commits.commit(events, c -> {
            runtime.transitions().decide(c, planId, stepId, approve, who, rationale, commits.now(), events);
            return null;
        });
        return plans.get(planId);
    }

    /** @throws io.ossaat.engine.problems.ApiProblem.Conflict when the plan has already finished */
    public Plan cancel(String planId, String who) {
        List<NewEvent> events = new ArrayList<>();
        TransitionCommitter commits = runtime.commits();
        commits.commit(events, c -> {
            runtime.transitions().cancel(c, planId, who, commits.now(), events);
            return null;
        });
        runtime.planCancelled(planId);
        return plans.get(planId);
    }
}

package io.ossaat.console.client;

import io.ossaat.engine.plans.PlanState;

import io.ossaat.engine.plans.StepState;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A plan with its steps. {@code workspace} is null when the plan has none. */
public record Plan(String id,
                   String goal,
                   String agent,
                   String workspace,
                   Map<String, Object> inputs,
                   PlanState state,
                   Instant createdAt,
                   Instant updatedAt,
                   List<Step> steps) {

    public Plan {
        inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** Steps that did their work: a failed, rejected or cancelled step finished but did not complete. */
    public long completedSteps() {
        return steps.stream().filter(s -> s.state() == StepState.COMPLETED).count();
    }

    /**
     * Completed steps over all steps, 0..1: a plan that failed after one step shows 1/4, not a full bar that reads
     * as done.
     */
    public double progress() {
        return steps.isEmpty() ? 0.0 : (double) completedSteps() / steps.size();
    }

    public Optional<Step> firstWaitingStep() {
        return steps.stream().filter(s -> s.state() == StepState.WAITING_APPROVAL).findFirst();
    }

    public Optional<Step> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }
}

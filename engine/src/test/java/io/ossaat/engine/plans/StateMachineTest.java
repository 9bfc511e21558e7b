package io.ossaat.engine.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

/** The lifecycle tables on the state enums: what may follow what. */
class StateMachineTest {

    @Test
    void finalStepStatesGoNowhereAndEveryOpenOneCanBeCancelled() {
        for (StepState s : StepState.values()) {
            if (s.isFinal()) {
                assertThat(EnumSet.allOf(StepState.class)).as(s.wire()).noneMatch(s::canMoveTo);
            } else {
                assertThat(s.canMoveTo(StepState.CANCELLED)).as(s.wire()).isTrue();
            }
        }
        assertThat(StepState.finals()).containsExactly(StepState.COMPLETED, StepState.FAILED, StepState.REJECTED,
                StepState.DEAD_LETTERED, StepState.CANCELLED);
        assertThat(StepState.OPEN).containsExactlyInAnyOrderElementsOf(
                EnumSet.complementOf(EnumSet.copyOf(StepState.finals())));
    }

    @Test
    void aStepRunsOnlyWhenClaimedAndFinishesOnlyFromRunning() {
        assertThat(StepState.RUNNABLE).allMatch(s -> s.canMoveTo(StepState.RUNNING));
        assertThat(StepState.PENDING.canMoveTo(StepState.RUNNING)).isFalse();
        assertThat(StepState.WAITING_APPROVAL.canMoveTo(StepState.RUNNING)).as("approval queues it").isFalse();
        for (StepState end : EnumSet.of(StepState.COMPLETED, StepState.FAILED, StepState.DEAD_LETTERED)) {
            assertThat(EnumSet.allOf(StepState.class)).as(end.wire())
                    .filteredOn(s -> s.canMoveTo(end)).containsExactly(StepState.RUNNING);
        }
        assertThatThrownBy(() -> StepState.COMPLETED.checkMoveTo(StepState.RUNNING))
                .isInstanceOf(IllegalStateException.class).hasMessage("a step cannot move from completed to running");
    }

    @Test
    void aPlanEndsOnceAndGoesBackAndForthOnlyBetweenRunningAndWaiting() {
        for (PlanState p : PlanState.values()) {
            if (p.isFinal()) {
                assertThat(EnumSet.allOf(PlanState.class)).as(p.wire()).noneMatch(p::canMoveTo);
            }
        }
        assertThat(PlanState.RUNNING.canMoveTo(PlanState.WAITING_APPROVAL)).isTrue();
        assertThat(PlanState.WAITING_APPROVAL.canMoveTo(PlanState.RUNNING)).isTrue();
        assertThatThrownBy(() -> PlanState.CANCELLED.checkMoveTo(PlanState.RUNNING))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyStateTheStepsCanReachDerivesAPlanStateTheTableAllows() {
        // a plan derived from its steps never moves where the plan table forbids: checked for every single step
        for (StepState from : StepState.values()) {
            for (StepState to : StepState.values()) {
                if (!from.canMoveTo(to)) {
                    continue;
                }
                PlanState before = PlanState.derive(java.util.List.of(from, StepState.PENDING));
                PlanState after = PlanState.derive(java.util.List.of(to, StepState.PENDING));
                assertThat(before == after || before.canMoveTo(after)).as(from.wire() + " -> " + to.wire()).isTrue();
            }
        }
    }
}

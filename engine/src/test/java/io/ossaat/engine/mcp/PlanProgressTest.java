package io.ossaat.engine.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.ossaat.engine.plans.Plan;
import io.ossaat.engine.plans.PlanState;
import io.ossaat.engine.plans.Step;
import io.ossaat.engine.plans.StepState;
import org.junit.jupiter.api.Test;

class PlanProgressTest {

    @Test
    void progressGrowsAsStepsMoveAndTotalIsFourPerStep() {
        PlanProgress progress = new PlanProgress();

        assertThat(progress.update(plan(PlanState.RUNNING, StepState.PENDING, StepState.PENDING))).isEqualTo(
                new PlanProgress.Report(0, 8, "plan running: 0/2 steps finished"));
        assertThat(progress.update(plan(PlanState.RUNNING, StepState.RUNNING, StepState.PENDING)).progress())
                .isEqualTo(3);
        assertThat(progress.update(plan(PlanState.WAITING_APPROVAL, StepState.COMPLETED, StepState.WAITING_APPROVAL)))
                .isEqualTo(new PlanProgress.Report(5, 8,
                        "plan waiting_approval: 1/2 steps finished; step s2 waiting_approval"));
    }

    @Test
    void aRetryDoesNotMoveProgressBackNorReportAgain() {
        PlanProgress progress = new PlanProgress();
        progress.update(plan(PlanState.RUNNING, StepState.RUNNING, StepState.PENDING));

        assertThat(progress.update(plan(PlanState.RUNNING, StepState.RETRYING, StepState.PENDING))).isNull();
        assertThat(progress.update(plan(PlanState.RUNNING, StepState.QUEUED, StepState.PENDING))).isNull();
        assertThat(progress.update(plan(PlanState.RUNNING, StepState.COMPLETED, StepState.PENDING)).progress())
                .isEqualTo(4);
    }

    @Test
    void aPlanSettlesWhenFinishedOrWaitingForAHuman() {
        for (PlanState state : PlanState.values()) {
            assertThat(PlanProgress.settled(plan(state, StepState.PENDING, StepState.PENDING))).as(state.wire())
                    .isEqualTo(state != PlanState.RUNNING);
        }
    }

    private static Plan plan(PlanState state, StepState s1, StepState s2) {
        return new Plan("p", "g", "default", null, Map.of(), Map.of(), state.wire(), null, Instant.EPOCH,
                Instant.EPOCH, List.of(step("s1", s1), step("s2", s2)), null);
    }

    private static Step step(String id, StepState state) {
        return new Step(id, id, "noop", "none", id, false, 60, List.of(), state.wire(), 0, Map.of(), null, null,
                null, null, null);
    }
}

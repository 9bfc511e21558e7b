package io.ossaat.engine.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PlanProgressTest {

    @Test
    void progressGrowsAsStepsMoveAndTotalIsFourPerStep() {
        PlanProgress progress = new PlanProgress();

        assertThat(progress.update(plan("running", "pending", "pending"))).isEqualTo(
                new PlanProgress.Report(0, 8, "plan running: 0/2 steps finished"));
        assertThat(progress.update(plan("running", "running", "pending")).progress()).isEqualTo(3);
        assertThat(progress.update(plan("waiting_approval", "completed", "waiting_approval"))).isEqualTo(
                new PlanProgress.Report(5, 8, "plan waiting_approval: 1/2 steps finished; step s2 waiting_approval"));
    }

    @Test
    void aRetryDoesNotMoveProgressBackNorReportAgain() {
        PlanProgress progress = new PlanProgress();
        progress.update(plan("running", "running", "pending"));

        assertThat(progress.update(plan("running", "retrying", "pending"))).isNull();
        assertThat(progress.update(plan("running", "queued", "pending"))).isNull();
        assertThat(progress.update(plan("running", "completed", "pending")).progress()).isEqualTo(4);
    }

    @Test
    void aPlanSettlesWhenFinishedOrWaitingForAHuman() {
        assertThat(PlanProgress.settled(Map.of("state", "running"))).isFalse();
        for (String state : List.of("waiting_approval", "completed", "failed", "rejected", "cancelled")) {
            assertThat(PlanProgress.settled(Map.of("state", state))).as(state).isTrue();
        }
    }

    private static Map<String, Object> plan(String state, String s1, String s2) {
        return Map.of("id", "p", "state", state, "steps", List.of(
                Map.of("id", "s1", "state", s1), Map.of("id", "s2", "state", s2)));
    }
}

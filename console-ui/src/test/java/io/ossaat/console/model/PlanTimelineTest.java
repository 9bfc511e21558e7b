package io.ossaat.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.ossaat.console.client.PlanEvent;
import io.ossaat.engine.plans.StepState;
import org.junit.jupiter.api.Test;

/** Bars from events as the engine writes them for a step that waited, timed out once and passed. */
class PlanTimelineTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private static PlanEvent e(long seq, StepState state, int attempt, String summary) {
        return new PlanEvent(seq, "p1", "run_tests", state, attempt, summary, T.plusSeconds(seq * 10));
    }

    @Test
    void eachAttemptIsARowOfThePhasesThatLedToIt() {
        List<PlanEvent> events = List.of(
                e(1, StepState.WAITING_APPROVAL, 0, "waiting for a human to approve test.run"),
                e(2, StepState.QUEUED, 0, "approved by alice: looks safe"),
                e(3, StepState.RUNNING, 1, null),
                e(4, StepState.RETRYING, 1, "timed out after 1 s"),
                e(5, StepState.RUNNING, 2, null),
                e(6, StepState.COMPLETED, 2, "tests passed"));

        PlanTimeline t = PlanTimeline.of(events, List.of("run_tests"), T.plusSeconds(100));

        assertThat(t.rows()).extracting(PlanTimeline.Row::label).containsExactly("run_tests #1", "run_tests #2");
        assertThat(t.rows().get(0).segments()).extracting(PlanTimeline.Segment::phase)
                .containsExactly(PlanTimeline.Phase.WAITING, PlanTimeline.Phase.QUEUED, PlanTimeline.Phase.RUNNING);
        assertThat(t.rows().get(1).segments()).extracting(PlanTimeline.Segment::phase)
                .containsExactly(PlanTimeline.Phase.BACKOFF, PlanTimeline.Phase.RUNNING);
        PlanTimeline.Segment last = t.rows().get(1).segments().getLast();
        assertThat(last.result()).isEqualTo(StepState.COMPLETED);
        assertThat(last.summary()).isEqualTo("tests passed");
        assertThat(t.decisions()).containsExactly(
                new PlanTimeline.Decision("run_tests", T.plusSeconds(20), true, "alice", "looks safe"));
        assertThat(t.end()).isEqualTo(T.plusSeconds(60));
    }

    @Test
    void anOpenPhaseLastsUntilNow() {
        PlanTimeline t = PlanTimeline.of(List.of(e(1, StepState.WAITING_APPROVAL, 0, null)), List.of(), T.plusSeconds(99));
        assertThat(t.rows().getFirst().segments().getFirst().to()).isNull();
        assertThat(t.end()).isEqualTo(T.plusSeconds(99));
    }
}

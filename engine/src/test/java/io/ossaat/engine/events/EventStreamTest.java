package io.ossaat.engine.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.SharedEngine;
import io.ossaat.engine.testing.SseReader;
import org.junit.jupiter.api.Test;

class EventStreamTest {
    final Api api = SharedEngine.api();

    @Test
    void planStreamSendsHistoryFirstThenLiveWithSequenceIds() {
        String id = api.createPlan("watch me").get("id").asText();
        try (SseReader sse = new SseReader(api, "/v1/plans/" + id + "/events", null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sse.events().size() >= 5);
            // history and live both arrive: the plan goes on (index_repo fails without a workspace)
            await().atMost(Duration.ofSeconds(10)).until(() -> sse.events().stream()
                    .anyMatch(e -> !e.data().has("stepId") && e.data().get("state").asText().equals("failed")));
            assertThat(sse.events()).allSatisfy(e -> {
                assertThat(e.name()).isEqualTo("plan.step");
                assertThat(e.data().get("planId").asText()).isEqualTo(id);
                assertThat(e.data().get("seq").asLong()).isEqualTo(e.seq());
            });
            assertThat(sse.events().getFirst().data().get("summary").asText()).contains("plan created");
            assertThat(sse.events().stream().map(e -> e.data().path("stepId").asText()).toList())
                    .contains("index_repo", "apply_changes", "run_tests", "open_pr");
        }
    }

    @Test
    void globalStreamDeliversNewEventsLive() {
        try (SseReader sse = new SseReader(api, "/v1/events", null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sse.status() == 200);
            String id = api.createPlan("live one").get("id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> sse.events().stream()
                    .filter(e -> e.data().get("planId").asText().equals(id)).count() >= 5);
        }
    }

    @Test
    void lastEventIdResumesWithExactlyTheMissedEvents() {
        String id = api.createPlan("resume").get("id").asText();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/v1/plans/" + id).json().get("state").asText().equals("failed"));
        List<Long> all;
        // the plan-level "failed" event is the plan's last: once a reader has it, it has them all
        try (SseReader first = new SseReader(api, "/v1/plans/" + id + "/events", null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> endsThePlan(first));
            all = first.events().stream().map(SseReader.SseEvent::seq).toList();
        }
        assertThat(all).hasSizeGreaterThanOrEqualTo(8);
        try (SseReader resumed = new SseReader(api, "/v1/plans/" + id + "/events", Long.toString(all.get(1)))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> endsThePlan(resumed));
            assertThat(resumed.events().stream().map(SseReader.SseEvent::seq).toList())
                    .isEqualTo(all.subList(2, all.size()));
        }
    }

    private static boolean endsThePlan(SseReader sse) {
        return sse.events().stream().anyMatch(e -> !e.data().has("stepId")
                && e.data().get("state").asText().equals("failed"));
    }

    @Test
    void tailStartsWithExactlyTheLastEventsAndLastEventIdWins() {
        String id = api.createPlan("tail me").get("id").asText();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/v1/plans/" + id).json().get("state").asText().equals("failed"));
        long head = SharedEngine.get().events().head();
        try (SseReader sse = new SseReader(api, "/v1/events?tail=3", null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sse.events().size() >= 3);
            // other tests' plans may write meanwhile: the stream starts at most 3 before the head it met
            List<Long> seqs = sse.events().stream().map(SseReader.SseEvent::seq).limit(3).toList();
            assertThat(seqs.getFirst()).isGreaterThanOrEqualTo(head - 2);
            assertThat(seqs.get(2) - seqs.get(0)).isEqualTo(2);
        }
        long before = SharedEngine.get().events().head();
        try (SseReader live = new SseReader(api, "/v1/events?tail=0", null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> live.status() == 200);
            String next = api.createPlan("after tail=0").get("id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> live.events().stream()
                    .anyMatch(e -> e.data().get("planId").asText().equals(next)));
            assertThat(live.events()).as("no history before the live events").allSatisfy(e ->
                    assertThat(e.seq()).isGreaterThan(before));
        }
        try (SseReader resumed = new SseReader(api, "/v1/events?tail=0", "1")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.events().size() >= 5);
            assertThat(resumed.events().getFirst().seq()).isEqualTo(2);
        }
        assertThat(api.get("/v1/events?tail=-1").status()).isEqualTo(400);
    }

    /**
     * Many writers commit concurrently while a reader follows the global stream: the ids it sees must be exactly
     * consecutive. A log whose numbers are taken before commit would let a later number become visible first,
     * and the reader would skip the earlier one for good.
     */
    @Test
    void concurrentWritersNeverMakeTheStreamSkipAnEvent() throws Exception {
        Api.Response head = api.get("/v1/plans?limit=1");
        assertThat(head.status()).isEqualTo(200);
        try (SseReader sse = new SseReader(api, "/v1/events", null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sse.status() == 200);
            int plans = 120;
            List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
            try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
                for (int i = 0; i < plans; i++) {
                    int n = i;
                    pool.submit(() -> ids.add(api.createPlan("concurrent " + n).get("id").asText()));
                }
            }
            assertThat(ids).hasSize(plans);
            // each plan ends (failed: no workspace) with a plan-level event; wait for all of them
            await().atMost(Duration.ofSeconds(60)).until(() -> sse.events().stream()
                    .filter(e -> ids.contains(e.data().get("planId").asText()) && !e.data().has("stepId")
                            && e.data().get("state").asText().equals("failed")).count() == plans);
            List<Long> seqs = sse.events().stream().map(SseReader.SseEvent::seq).toList();
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("event after " + seqs.get(i - 1)).isEqualTo(seqs.get(i - 1) + 1);
            }
        }
    }
}

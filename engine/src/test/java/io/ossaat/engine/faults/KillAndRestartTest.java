package io.ossaat.engine.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Json;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.EngineProcess;
import io.ossaat.engine.testing.SseReader;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.Test;

/** kill -9 an engine while plans run, start it again: everything finishes, nothing runs twice, no event is lost. */
class KillAndRestartTest {

    @Test
    void everyPlanFinishesAfterACrashWithoutRepeatingAnyEffect() throws Exception {
        Path dir = TestEngines.newDataDir();
        FaultAgents.writeAutoAgent(dir);
        List<String> ids = new ArrayList<>();
        List<Path> workspaces = new ArrayList<>();
        try (EngineProcess first = EngineProcess.start(dir)) {
            Api api = first.api();
            for (int i = 0; i < 4; i++) {
                Path ws = Workspaces.gitRepo();
                workspaces.add(ws);
                ids.add(api.post("/v1/plans", Json.write(Map.of("goal", "crash " + i, "agent", "auto",
                        "workspace", ws.toString(), "inputs", Map.of("patch", Workspaces.NEW_FILE_PATCH,
                                "testCommand", "sleep 3")))).json().get("id").asText());
            }
            // crash while the test steps run: their patches are applied, their commits not yet made
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                    .allMatch(id -> state(api, id, "test").equals("running")));
            first.kill9();
        }
        try (EngineProcess second = EngineProcess.start(dir)) {
            Api api = second.api();
            await().atMost(Duration.ofSeconds(120)).until(() -> ids.stream()
                    .allMatch(id -> api.get("/v1/plans/" + id).json().get("state").asText().equals("completed")));
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                Path ws = workspaces.get(i);
                JsonNode test = step(api, id, "test");
                assertThat(test.get("attempt").asInt()).as("the cut-off test step ran again").isEqualTo(2);
                assertThat(Workspaces.git(ws, "show", "ossaat/" + id + ":NEW.md")).isEqualTo("# New\nmade by ossaat\n");
                assertThat(Workspaces.git(ws, "rev-list", "--count", "main..ossaat/" + id).strip()).isEqualTo("1");
                assertThat(ws.resolve("NEW.md")).as("the user's checkout is untouched").doesNotExist();
                await().atMost(Duration.ofSeconds(10)).until(() -> Workspaces.git(ws, "worktree", "list", "--porcelain")
                        .lines().filter(l -> l.startsWith("worktree ")).count() == 1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> isEmpty(dir.resolve("worktrees")));
            // the whole log, replayed from the start, has no gap
            try (SseReader sse = new SseReader(api, "/v1/events", null)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> sse.events().stream()
                        .filter(e -> !e.data().has("stepId") && e.data().get("state").asText().equals("completed"))
                        .count() == ids.size());
                List<Long> seqs = sse.events().stream().map(SseReader.SseEvent::seq).toList();
                for (int i = 0; i < seqs.size(); i++) {
                    assertThat(seqs.get(i)).isEqualTo(i + 1L);
                }
            }
            // SIGTERM stops it cleanly: 143 is the JVM's code for "terminated by SIGTERM" after the hooks ran
            assertThat(second.stop()).isIn(0, 143);
            assertThat(dir.resolve("pg/postmaster.pid")).as("embedded Postgres was stopped").doesNotExist();
            assertThat(dir.resolve("redis/redis.pid")).as("embedded Redis was stopped").doesNotExist();
        }
    }

    static boolean isEmpty(Path dir) throws java.io.IOException {
        try (var children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    static JsonNode step(Api api, String planId, String stepId) {
        for (JsonNode s : api.get("/v1/plans/" + planId).json().get("steps")) {
            if (s.get("id").asText().equals(stepId)) {
                return s;
            }
        }
        throw new AssertionError("no step " + stepId);
    }

    static String state(Api api, String planId, String stepId) {
        return step(api, planId, stepId).get("state").asText();
    }
}

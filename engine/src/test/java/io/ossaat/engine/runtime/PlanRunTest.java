package io.ossaat.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Json;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.RealEngine;
import io.ossaat.engine.testing.SseReader;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plans run for real: tools act on a git workspace, humans approve over HTTP, the SSE stream shows each step. */
class PlanRunTest {
    @RegisterExtension
    static final RealEngine real = new RealEngine();

    static String create(Path ws, Map<String, Object> inputs, String agent) {
        Api.Response r = real.api().post("/v1/plans", Json.write(Map.of("goal", "demo", "workspace", ws.toString(),
                "inputs", inputs, "agent", agent)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    static JsonNode awaitStep(String planId, String stepId, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> step(planId, stepId).get("state").asText().equals(state));
        return step(planId, stepId);
    }

    static JsonNode step(String planId, String stepId) {
        for (JsonNode s : real.api().get("/v1/plans/" + planId).json().get("steps")) {
            if (s.get("id").asText().equals(stepId)) {
                return s;
            }
        }
        throw new AssertionError("no step " + stepId);
    }

    static String planState(String planId) {
        return real.api().get("/v1/plans/" + planId).json().get("state").asText();
    }

    @Test
    void indexApproveApplyTestApproveCommitVisibleStepByStepOnTheStream() {
        Path ws = Workspaces.gitRepo();
        String id = create(ws, Map.of("patch", Workspaces.NEW_FILE_PATCH, "testCommand", "grep -q 'made by' NEW.md"),
                "default");
        try (SseReader sse = new SseReader(real.api(), "/v1/plans/" + id + "/events", null)) {
            JsonNode index = awaitStep(id, "index_repo", "completed");
            assertThat(index.get("output").get("files").asInt()).as("README, .gitignore, src/Main.java").isEqualTo(3);
            assertThat(index.get("output").get("languages").get("Java").get("lines").asInt()).isEqualTo(2);
            JsonNode apply = awaitStep(id, "apply_changes", "waiting_approval");
            assertThat(apply.get("approval").get("patchSha256").asText())
                    .isEqualTo(io.ossaat.engine.Sha256.hex(Workspaces.NEW_FILE_PATCH));
            assertThat(planState(id)).isEqualTo("waiting_approval");
            assertThat(Files.exists(ws.resolve("NEW.md"))).isFalse();

            Api.Response approved = real.api().post("/v1/plans/" + id + "/steps/apply_changes/approve", "{\"rationale\":\"ok\"}");
            assertThat(approved.status()).isEqualTo(200);
            awaitStep(id, "apply_changes", "completed");
            String worktree = real.api().get("/v1/plans/" + id).json().get("worktree").asText();
            assertThat(Path.of(worktree, "NEW.md")).content().contains("made by ossaat");
            assertThat(ws.resolve("NEW.md")).as("the user's checkout is untouched").doesNotExist();
            JsonNode waitingTests = awaitStep(id, "run_tests", "waiting_approval");
            assertThat(waitingTests.get("approval").get("command").asText()).isEqualTo("grep -q 'made by' NEW.md");
            real.api().post("/v1/plans/" + id + "/steps/run_tests/approve", "{}");
            JsonNode tests = awaitStep(id, "run_tests", "completed");
            assertThat(tests.get("output").get("exitCode").asInt()).isZero();
            awaitStep(id, "open_pr", "waiting_approval");
            real.api().post("/v1/plans/" + id + "/steps/open_pr/approve", "{}");
            JsonNode pr = awaitStep(id, "open_pr", "completed");
            assertThat(pr.get("summary").asText()).contains("not pushed");
            assertThat(planState(id)).isEqualTo("completed");
            assertThat(Workspaces.git(ws, "log", "--format=%B", "-1", "ossaat/" + id)).contains("ossaat-plan: " + id);
            assertThat(Workspaces.git(ws, "show", "--stat", "--format=", "ossaat/" + id)).contains("NEW.md");
            await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(Path.of(worktree)));
            assertThat(real.api().get("/v1/plans/" + id).json().has("worktree")).isFalse();

            await().atMost(Duration.ofSeconds(10)).until(() -> sse.events().stream()
                    .anyMatch(e -> !e.data().has("stepId") && e.data().get("state").asText().equals("completed")));
            List<String> transitions = sse.events().stream().filter(e -> e.data().has("stepId"))
                    .map(e -> e.data().get("stepId").asText() + ":" + e.data().get("state").asText()).toList();
            assertThat(transitions).containsSubsequence("index_repo:running", "index_repo:completed",
                    "apply_changes:waiting_approval", "apply_changes:queued", "apply_changes:running",
                    "apply_changes:completed", "run_tests:waiting_approval", "run_tests:queued", "run_tests:running",
                    "run_tests:completed", "open_pr:waiting_approval",
                    "open_pr:queued", "open_pr:running", "open_pr:completed");
        }
        assertThat(real.api().post("/v1/plans/" + id + "/steps/open_pr/approve", "{}").status()).isEqualTo(409);
    }

    @Test
    void rejectingAStepStopsThePlanAndRecordsWhoAndWhy() throws Exception {
        String id = create(Workspaces.gitRepo(), Map.of("patch", Workspaces.NEW_FILE_PATCH), "default");
        awaitStep(id, "apply_changes", "waiting_approval");
        Api.Response r = real.api().post("/v1/plans/" + id + "/steps/apply_changes/reject", "{\"rationale\":\"too risky\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("state").asText()).isEqualTo("rejected");
        assertThat(r.json().get("reason").asText()).contains("rejected by owner: too risky");
        assertThat(step(id, "run_tests").get("state").asText()).isEqualTo("cancelled");
        try (var c = real.engine().database().connection(); var ps = c.prepareStatement(
                "select decision, decided_by, rationale from approvals where plan_id = ?")) {
            ps.setString(1, id);
            var rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("rejected");
            assertThat(rs.getString(2)).isEqualTo("owner");
            assertThat(rs.getString(3)).isEqualTo("too risky");
        }
        assertThat(real.api().post("/v1/plans/" + id + "/steps/apply_changes/approve", "{}").status()).isEqualTo(409);
    }

    @Test
    void approvingAStepThatIsNotWaitingIs409AndUnknownStepsAre404() {
        String id = create(Workspaces.gitRepo(), Map.of("patch", Workspaces.NEW_FILE_PATCH), "default");
        Api.Response notWaiting = real.api().post("/v1/plans/" + id + "/steps/run_tests/approve", "{}");
        assertThat(notWaiting.status()).isEqualTo(409);
        assertThat(notWaiting.json().get("detail").asText()).contains("pending");
        assertThat(real.api().post("/v1/plans/" + id + "/steps/nope/approve", "{}").status()).isEqualTo(404);
        assertThat(real.api().post("/v1/plans/pl_nope/steps/nope/approve", "{}").status()).isEqualTo(404);
        assertThat(real.api().post("/v1/plans/" + id + "/steps/run_tests/approve", "{\"rationale\":5}").status()).isEqualTo(400);
    }

    @Test
    void aStepWhoseCapabilityTheAgentLacksIsRejectedWithTheReason() {
        String id = create(Workspaces.gitRepo(), Map.of(), "reviewer");
        JsonNode apply = awaitStep(id, "apply_changes", "rejected");
        assertThat(apply.get("summary").asText()).contains("reviewer").contains("repo.write");
        assertThat(planState(id)).isEqualTo("rejected");
        assertThat(step(id, "index_repo").get("state").asText()).isEqualTo("completed");
    }

    @Test
    void aPatchThatDoesNotApplyFailsThePlanAndLeavesTheWorkspaceUnchanged() throws Exception {
        Path ws = Workspaces.gitRepo();
        String bad = """
                --- a/README.md
                +++ b/README.md
                @@ -1,3 +1,3 @@
                 # not the content
                -that is there
                +at all
                 line
                """;
        String id = create(ws, Map.of("patch", bad), "default");
        awaitStep(id, "apply_changes", "waiting_approval");
        real.api().post("/v1/plans/" + id + "/steps/apply_changes/approve", "{}");
        JsonNode apply = awaitStep(id, "apply_changes", "failed");
        assertThat(apply.get("summary").asText()).contains("does not apply").contains("unchanged");
        assertThat(planState(id)).isEqualTo("failed");
        assertThat(real.api().get("/v1/plans/" + id).json().get("reason").asText()).contains("apply_changes");
        assertThat(Files.readString(ws.resolve("README.md"))).isEqualTo("# demo\n\nline\n");
        assertThat(Workspaces.git(ws, "status", "--porcelain")).isEmpty();
    }

    @Test
    void failingTestsFailThePlanWithExitCodeAndOutputTail() {
        Path ws = Workspaces.gitRepo();
        String id = create(ws, Map.of("patch", Workspaces.NEW_FILE_PATCH,
                "testCommand", "echo 'expected 2 but was 3'; exit 3"), "default");
        awaitStep(id, "apply_changes", "waiting_approval");
        real.api().post("/v1/plans/" + id + "/steps/apply_changes/approve", "{}");
        awaitStep(id, "run_tests", "waiting_approval");
        real.api().post("/v1/plans/" + id + "/steps/run_tests/approve", "{}");
        JsonNode tests = awaitStep(id, "run_tests", "failed");
        assertThat(tests.get("output").get("exitCode").asInt()).isEqualTo(3);
        assertThat(tests.get("output").get("outputTail").asText()).contains("expected 2 but was 3");
        assertThat(planState(id)).isEqualTo("failed");
        assertThat(step(id, "open_pr").get("state").asText()).isEqualTo("cancelled");
    }

    @Test
    void cancelInterruptsARunningToolAndCancelsTheRest() throws Exception {
        Path ws = Workspaces.gitRepo();
        Path marker = ws.resolveSibling(ws.getFileName() + "-finished");
        String id = create(ws, Map.of("patch", Workspaces.NEW_FILE_PATCH,
                "testCommand", "sleep 60 && touch " + marker), "default");
        awaitStep(id, "apply_changes", "waiting_approval");
        real.api().post("/v1/plans/" + id + "/steps/apply_changes/approve", "{}");
        awaitStep(id, "run_tests", "waiting_approval");
        real.api().post("/v1/plans/" + id + "/steps/run_tests/approve", "{}");
        awaitStep(id, "run_tests", "running");
        long start = System.nanoTime();
        Api.Response r = real.api().post("/v1/plans/" + id + "/cancel", "");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("state").asText()).isEqualTo("cancelled");
        await().atMost(Duration.ofSeconds(10)).until(() -> real.engine().runtime().runningCount() == 0);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(step(id, "run_tests").get("state").asText()).isEqualTo("cancelled");
        assertThat(step(id, "open_pr").get("state").asText()).isEqualTo("cancelled");
        // the shell that would touch the marker after its sleep is gone, not merely still asleep
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().orElse("").contains("sleep 60 && touch finished")));
        assertThat(Files.exists(marker)).isFalse();
        assertThat(real.api().post("/v1/plans/" + id + "/cancel", "").status()).isEqualTo(409);
        assertThat(real.api().post("/v1/plans/pl_nope/cancel", "").status()).isEqualTo(404);
    }

    @Test
    void toolsAreListed() {
        JsonNode items = real.api().get("/v1/tools").json().get("items");
        assertThat(items.findValuesAsText("name")).contains("repo_indexer", "code_writer", "test_runner", "github_client");
    }
}

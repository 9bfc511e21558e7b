package io.ossaat.engine.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.ossaat.engine.Engine;
import io.ossaat.engine.Json;
import io.ossaat.engine.config.EngineConfig;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.TestAgents;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.Test;

/** A start clears the worktrees a crash left behind and keeps those still wanted. */
class WorktreeRecoveryTest {

    @Test
    void aStartRemovesStrayAndOrphanedWorktreesAndKeepsAFailedPlansKeptOne() throws Exception {
        Path dir = TestEngines.newDataDir();
        TestAgents.writeUnattended(dir, "keeper", "keep_worktrees: true");
        Path ws = Workspaces.gitRepo();
        String failed;
        try (Engine engine = TestEngines.start(EngineConfig.forDataDir(dir))) {
            Api api = TestEngines.api(engine);
            failed = api.post("/v1/plans", Json.write(Map.of("goal", "fails", "agent", "keeper",
                    "workspace", ws.toString(), "inputs", Map.of("patch", Workspaces.NEW_FILE_PATCH,
                            "testCommand", "exit 1")))).json().get("id").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/v1/plans/" + failed).json()
                    .get("state").asText().equals("failed"));
        }
        Path worktrees = dir.toRealPath().resolve("worktrees");
        // what a crash can leave: a folder git never registered, and a registered worktree of a plan that is gone
        Files.createDirectories(worktrees.resolve("pl_stray/half-made"));
        Workspaces.git(ws, "worktree", "add", "-q", "-b", "leftover", worktrees.resolve("pl_orphan").toString());

        try (Engine engine = TestEngines.start(EngineConfig.forDataDir(dir))) {
            assertThat(worktrees.resolve("pl_stray")).doesNotExist();
            assertThat(worktrees.resolve("pl_orphan")).doesNotExist();
            assertThat(Workspaces.git(ws, "worktree", "list", "--porcelain")).doesNotContain("pl_orphan")
                    .contains(failed);
            assertThat(worktrees.resolve(failed).resolve("NEW.md")).exists();
            assertThat(TestEngines.api(engine).get("/v1/plans/" + failed).json().get("worktree").asText())
                    .isEqualTo(worktrees.resolve(failed).toString());
        }
    }
}

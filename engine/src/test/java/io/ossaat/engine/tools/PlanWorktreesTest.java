package io.ossaat.engine.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Engine;
import io.ossaat.engine.Json;
import io.ossaat.engine.config.EngineConfig;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.TestAgents;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plans work in worktrees of their own: the user's checkout stays as it was, plans on one repository do not see each
 * other, worktrees go when plans end (or stay for inspection) and a restart clears what a crash left.
 */
class PlanWorktreesTest {
    static Path dataDir;
    static Engine engine;
    static Api api;

    @BeforeAll
    static void start() {
        dataDir = TestEngines.newDataDir();
        TestAgents.writeUnattended(dataDir, "auto");
        TestAgents.writeUnattended(dataDir, "keeper", "keep_worktrees: true");
        engine = TestEngines.start(EngineConfig.forDataDir(dataDir));
        api = TestEngines.api(engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static String create(Path ws, String agent, Map<String, Object> inputs) {
        Api.Response r = api.post("/v1/plans", Json.write(Map.of("goal", "worktree test", "agent", agent,
                "workspace", ws.toString(), "inputs", inputs)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    static JsonNode awaitEnd(String id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/v1/plans/" + id).json().get("state").asText()
                .matches("completed|failed|rejected|cancelled"));
        return api.get("/v1/plans/" + id).json();
    }

    static String patch(String file) {
        return "--- /dev/null\n+++ b/" + file + "\n@@ -0,0 +1 @@\n+" + file + "\n";
    }

    /** Everything a user could notice about their checkout: files, branch, index, status, stash. */
    static Map<String, String> look(Path ws) throws Exception {
        Map<String, String> seen = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(ws)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(ws.resolve(".git"))).toList()) {
                seen.put(ws.relativize(f).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(f))));
            }
        }
        seen.put("git:branch", Workspaces.git(ws, "rev-parse", "--abbrev-ref", "HEAD"));
        seen.put("git:head", Workspaces.git(ws, "rev-parse", "HEAD"));
        seen.put("git:status", Workspaces.git(ws, "status", "--porcelain=v1", "-uall", "--ignored"));
        seen.put("git:diff", Workspaces.git(ws, "diff"));
        seen.put("git:index", Workspaces.git(ws, "ls-files", "--stage"));
        seen.put("git:staged", Workspaces.git(ws, "diff", "--cached"));
        seen.put("git:stash", Workspaces.git(ws, "stash", "list", "--format=%H %s"));
        return seen;
    }

    @Test
    void aDirtyCheckoutStaysByteIdenticalAcrossAFullPlanWhoseCommitHoldsOnlyItsPatch() throws Exception {
        Path ws = Workspaces.gitRepo();
        Files.writeString(ws.resolve("src/Main.java"), "class Main { int stashed; }\n");
        Workspaces.git(ws, "stash", "-q");
        Files.writeString(ws.resolve("README.md"), "# demo\n\nmy work in progress\n");
        Files.writeString(ws.resolve("staged.txt"), "staged by me\n");
        Workspaces.git(ws, "add", "staged.txt");
        Files.writeString(ws.resolve("mine.txt"), "untracked and mine\n");
        Map<String, String> before = look(ws);

        // the test command sees the patched tree only: none of the user's edits, staged or untracked files
        String id = create(ws, "auto", Map.of("patch", Workspaces.NEW_FILE_PATCH, "testCommand",
                "test -f NEW.md && test ! -e mine.txt && test ! -e staged.txt && grep -qx line README.md"));
        JsonNode plan = awaitEnd(id);
        assertThat(plan.get("state").asText()).as(plan.toString()).isEqualTo("completed");

        assertThat(look(ws)).isEqualTo(before);
        assertThat(Workspaces.git(ws, "show", "--name-only", "--format=", "ossaat/" + id).strip()).isEqualTo("NEW.md");
        assertThat(Workspaces.git(ws, "rev-parse", "ossaat/" + id + "^").strip())
                .as("the branch starts at the checkout's HEAD").isEqualTo(before.get("git:head").strip());
        awaitWorktreeGone(ws, id);
    }

    @Test
    void twoPlansOnOneRepositoryRunSideBySideEachBranchWithOnlyItsOwnPatch() {
        Path ws = Workspaces.gitRepo();
        String a = create(ws, "auto", Map.of("patch", patch("A.md"), "testCommand", "sleep 1; test -f A.md && test ! -e B.md"));
        String b = create(ws, "auto", Map.of("patch", patch("B.md"), "testCommand", "sleep 1; test -f B.md && test ! -e A.md"));
        assertThat(awaitEnd(a).get("state").asText()).isEqualTo("completed");
        assertThat(awaitEnd(b).get("state").asText()).isEqualTo("completed");
        assertThat(Workspaces.git(ws, "show", "--name-only", "--format=", "ossaat/" + a).strip()).isEqualTo("A.md");
        assertThat(Workspaces.git(ws, "show", "--name-only", "--format=", "ossaat/" + b).strip()).isEqualTo("B.md");
        assertThat(Workspaces.git(ws, "status", "--porcelain")).isEmpty();
        awaitWorktreeGone(ws, a);
        awaitWorktreeGone(ws, b);
    }

    @Test
    void aPlanStartsFromInputsBaseOnTheBranchItNames() {
        Path ws = Workspaces.gitRepo();
        String first = Workspaces.git(ws, "rev-parse", "HEAD").strip();
        Workspaces.git(ws, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "later");
        String id = create(ws, "auto", Map.of("patch", patch("C.md"), "testCommand", "true",
                "base", first, "branch", "feature/c"));
        assertThat(awaitEnd(id).get("state").asText()).isEqualTo("completed");
        assertThat(Workspaces.git(ws, "rev-parse", "feature/c^").strip()).isEqualTo(first);
        assertThat(Workspaces.git(ws, "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("main");
    }

    @Test
    void aFailedPlansWorktreeStaysWhenItsProfileSaysSoAndThePlanSaysWhere() throws Exception {
        Path ws = Workspaces.gitRepo();
        String kept = create(ws, "keeper", Map.of("patch", Workspaces.NEW_FILE_PATCH, "testCommand", "exit 3"));
        String removed = create(ws, "auto", Map.of("patch", patch("D.md"), "testCommand", "exit 3"));
        JsonNode plan = awaitEnd(kept);
        assertThat(plan.get("state").asText()).isEqualTo("failed");
        assertThat(awaitEnd(removed).get("state").asText()).isEqualTo("failed");
        awaitWorktreeGone(ws, removed);

        Path where = Path.of(plan.get("worktree").asText());
        assertThat(where).isEqualTo(dataDir.toRealPath().resolve("worktrees").resolve(kept));
        assertThat(where.resolve("NEW.md")).as("the failed plan's change, left to inspect").exists();
        assertThat(Workspaces.git(where, "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("ossaat/" + kept);
        assertThat(ws.resolve("NEW.md")).doesNotExist();
    }

    @Test
    void workspacesThatBreakTheRulesAre400NamingTheField() throws Exception {
        Path plain = Files.createDirectories(TestEngines.newDataDir().resolve("plain"));
        for (String[] attack : new String[][] {
                {"/", "root folder"},
                {System.getProperty("user.home"), "home folder"},
                {dataDir.toString(), "data dir"},
                {plain.toString(), "not a git repository"}}) {
            Api.Response r = api.post("/v1/plans", Json.write(Map.of("goal", "x", "workspace", attack[0])));
            assertThat(r.status()).as(attack[0]).isEqualTo(400);
            assertThat(r.header("Content-Type")).contains("application/problem+json");
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("workspace");
            assertThat(r.json().get("detail").asText()).contains(attack[1]);
        }
        Api.Response badBase = api.post("/v1/plans", Json.write(Map.of("goal", "x",
                "workspace", Workspaces.gitRepo().toString(), "inputs", Map.of("base", "no-such-ref"))));
        assertThat(badBase.status()).isEqualTo(400);
        assertThat(badBase.json().get("errors").get(0).get("field").asText()).isEqualTo("inputs.base");
    }

    static void awaitWorktreeGone(Path ws, String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !api.get("/v1/plans/" + id).json().has("worktree")
                && !Files.exists(dataDir.resolve("worktrees").resolve(id))
                && Workspaces.git(ws, "worktree", "list", "--porcelain").lines().noneMatch(l -> l.endsWith("/" + id)));
    }
}

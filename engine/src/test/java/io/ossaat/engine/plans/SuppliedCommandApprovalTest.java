package io.ossaat.engine.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Engine;
import io.ossaat.engine.Json;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A command the request supplies ({@code inputs.testCommand}) runs only after a human saw it, even under a profile
 * whose {@code default} is {@code auto}; a profile has to name {@code test.run: auto} to skip that.
 */
class SuppliedCommandApprovalTest {
    static Engine engine;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        Path dir = TestEngines.newDataDir();
        agent(dir, "lenient", "default: auto");
        agent(dir, "trusting", "test.run: auto");
        engine = TestEngines.start(io.ossaat.engine.config.EngineConfig.forDataDir(dir));
        api = TestEngines.api(engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aSuppliedCommandWaitsForAHumanWhoSeesItExactly() {
        Path ws = Workspaces.gitRepo();
        Path marker = ws.resolveSibling(ws.getFileName() + "-ran");
        String command = "touch " + marker;
        String id = create(ws, "lenient", command);
        JsonNode step = awaitStep(id, "waiting_approval");
        assertThat(step.get("approvalRequired").asBoolean()).isTrue();
        assertThat(step.get("approval").get("command").asText()).isEqualTo(command);
        assertThat(Files.exists(marker)).isFalse();

        assertThat(api.post("/v1/plans/" + id + "/steps/test/approve", "{\"rationale\":\"harmless\"}").status())
                .isEqualTo(200);
        JsonNode done = awaitStep(id, "completed");
        assertThat(done.get("approval").get("decidedBy").asText()).isEqualTo("owner");
        assertThat(done.get("approval").get("command").asText()).isEqualTo(command);
        assertThat(Files.exists(marker)).isTrue();
    }

    @Test
    void aProfileThatNamesTheCapabilityRunsItWithoutAsking() {
        Path ws = Workspaces.gitRepo();
        Path marker = ws.resolveSibling(ws.getFileName() + "-ran");
        String id = create(ws, "trusting", "touch " + marker);
        JsonNode done = awaitStep(id, "completed");
        assertThat(done.get("approvalRequired").asBoolean()).isFalse();
        assertThat(done.has("approval")).isFalse();
        assertThat(Files.exists(marker)).isTrue();
    }

    private static void agent(Path dataDir, String name, String policy) throws Exception {
        Path file = dataDir.resolve("agents/" + name + "/agent.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                ---
                name: %s
                capabilities: [test.run]
                approval_policy:
                  %s
                steps:
                  - {action: test, tool: test_runner, capability: test.run, timeout_seconds: 30}
                ---
                """.formatted(name, policy));
    }

    private static String create(Path ws, String agent, String command) {
        Api.Response r = api.post("/v1/plans", Json.write(Map.of("goal", "run a command", "agent", agent,
                "workspace", ws.toString(), "inputs", Map.of("testCommand", command))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static JsonNode awaitStep(String planId, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> step(planId).get("state").asText().equals(state));
        return step(planId);
    }

    private static JsonNode step(String planId) {
        return api.get("/v1/plans/" + planId).json().get("steps").get(0);
    }
}

package io.ossaat.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Engine;
import io.ossaat.engine.Json;
import io.ossaat.engine.StartupListener;
import io.ossaat.engine.config.EngineConfig;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.MutableClock;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.Test;

/** Timeouts interrupt the tool; retryable failures wait (on the injected clock) and then dead-letter. */
class RetryTest {

    @Test
    void aStepThatTimesOutIsRetriedAfterBackoffThenDeadLettered() throws Exception {
        Path dir = TestEngines.newDataDir();
        Path agent = dir.resolve("agents/slow/agent.md");
        Files.createDirectories(agent.getParent());
        Files.writeString(agent, """
                ---
                name: slow
                capabilities: [test.run]
                approval_policy:
                  test.run: auto
                steps:
                  - {action: wait, tool: test_runner, capability: test.run, timeout_seconds: 1}
                ---
                """);
        MutableClock clock = new MutableClock();
        try (Engine engine = Engine.start(EngineConfig.forDataDir(dir), StartupListener.NONE, clock)) {
            Api api = TestEngines.api(engine);
            String id = api.post("/v1/plans", Json.write(Map.of("goal", "time out", "agent", "slow",
                    "workspace", Workspaces.gitRepo().toString(), "inputs", Map.of("testCommand", "sleep 30")))).json().get("id").asText();
            // the timeout runs on the injected clock: the step runs until the clock passes it
            awaitState(api, id, "running");
            passTimeout(engine, clock);
            JsonNode first = awaitState(api, id, "retrying");
            assertThat(first.get("attempt").asInt()).isEqualTo(1);
            assertThat(first.get("summary").asText()).contains("timed out after 1 s");

            // so does the backoff: two dispatcher passes later the step still waits
            long passes = engine.runtime().dispatchPasses();
            engine.runtime().poke();
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.runtime().dispatchPasses() >= passes + 2);
            assertThat(step(api, id).get("state").asText()).isEqualTo("retrying");

            clock.advance(Duration.ofMinutes(10));
            engine.runtime().poke();
            await().atMost(Duration.ofSeconds(20)).until(() -> step(api, id).get("attempt").asInt() == 2
                    && step(api, id).get("state").asText().equals("running"));
            passTimeout(engine, clock);
            awaitState(api, id, "retrying");
            clock.advance(Duration.ofMinutes(10));
            engine.runtime().poke();
            await().atMost(Duration.ofSeconds(20)).until(() -> step(api, id).get("attempt").asInt() == 3
                    && step(api, id).get("state").asText().equals("running"));
            passTimeout(engine, clock);
            JsonNode last = awaitState(api, id, "dead_lettered");
            assertThat(last.get("attempt").asInt()).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
            assertThat(last.get("summary").asText()).contains("gave up after 3 attempts");
            assertThat(api.get("/v1/plans/" + id).json().get("state").asText()).isEqualTo("failed");
        }
    }

    private static void passTimeout(Engine engine, MutableClock clock) {
        clock.advance(Duration.ofSeconds(2));
        engine.runtime().poke();
    }

    static JsonNode awaitState(Api api, String id, String state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> step(api, id).get("state").asText().equals(state));
        return step(api, id);
    }

    static JsonNode step(Api api, String id) {
        return api.get("/v1/plans/" + id).json().get("steps").get(0);
    }
}

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
                steps:
                  - {action: wait, tool: test_runner, capability: test.run, timeout_seconds: 1}
                ---
                """);
        MutableClock clock = new MutableClock();
        try (Engine engine = Engine.start(EngineConfig.forDataDir(dir), StartupListener.NONE, clock)) {
            Api api = TestEngines.api(engine);
            String id = api.post("/v1/plans", Json.write(Map.of("goal", "time out", "agent", "slow",
                    "workspace", dir.toString(), "inputs", Map.of("testCommand", "sleep 30")))).json().get("id").asText();
            JsonNode first = awaitState(api, id, "retrying");
            assertThat(first.get("attempt").asInt()).isEqualTo(1);
            assertThat(first.get("summary").asText()).contains("timed out after 1 s");

            // the backoff runs on the injected clock: nothing happens until it moves
            Thread.sleep(1500);
            assertThat(step(api, id).get("state").asText()).isEqualTo("retrying");
            clock.advance(Duration.ofMinutes(10));
            engine.runtime().poke();
            await().atMost(Duration.ofSeconds(20)).until(() -> step(api, id).get("attempt").asInt() == 2
                    && step(api, id).get("state").asText().equals("retrying"));
            clock.advance(Duration.ofMinutes(10));
            engine.runtime().poke();
            JsonNode last = awaitState(api, id, "dead_lettered");
            assertThat(last.get("attempt").asInt()).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
            assertThat(last.get("summary").asText()).contains("gave up after 3 attempts");
            assertThat(api.get("/v1/plans/" + id).json().get("state").asText()).isEqualTo("failed");
        }
    }

    static JsonNode awaitState(Api api, String id, String state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> step(api, id).get("state").asText().equals(state));
        return step(api, id);
    }

    static JsonNode step(Api api, String id) {
        return api.get("/v1/plans/" + id).json().get("steps").get(0);
    }
}

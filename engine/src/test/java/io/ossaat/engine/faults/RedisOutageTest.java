package io.ossaat.engine.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ossaat.engine.Json;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.EngineProcess;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.Test;

/** Redis stops mid-run: plans still complete, /readyz says redis is down, and all recovers when it returns. */
class RedisOutageTest {

    @Test
    void plansCompleteWithoutRedisAndReadinessRecoversWhenItReturns() throws Exception {
        Path base = TestEngines.newDataDir();
        try (SharedStorage storage = new SharedStorage(base)) {
            Path dir = base.resolve("engine");
            io.ossaat.engine.DataDir.prepare(dir);
            FaultAgents.writeAutoAgent(dir);
            try (EngineProcess engine = EngineProcess.start(dir, "--redis-url", storage.redisUrl())) {
                Api api = engine.api();
                assertThat(api.get("/readyz").status()).isEqualTo(200);
                List<String> ids = new ArrayList<>();
                ids.add(create(api, "before the outage"));

                storage.stopRedis();
                await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/readyz").status() == 503);
                assertThat(api.get("/readyz").json().get("components").get("redis").asText()).isEqualTo("down");
                assertThat(api.get("/readyz").json().get("components").get("postgres").asText()).isEqualTo("up");
                // creating needs PostgreSQL only: each create is acknowledged (201) while Redis is down. How fast is
                // not asserted here (a wall-clock bound in a unit test measures the machine's load, not the engine)
                for (int i = 0; i < 5; i++) {
                    ids.add(create(api, "during the outage " + i));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id ->
                        api.get("/v1/plans/" + id).json().get("state").asText().equals("completed")));

                storage.startRedis();
                await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/readyz").status() == 200);
                String after = create(api, "after the outage");
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        api.get("/v1/plans/" + after).json().get("state").asText().equals("completed"));
            }
        }
    }

    static String create(Api api, String goal) {
        Api.Response r = api.post("/v1/plans", Json.write(Map.of("goal", goal, "agent", "auto",
                "workspace", Workspaces.gitRepo().toString(),
                "inputs", Map.of("patch", Workspaces.NEW_FILE_PATCH, "testCommand", "true"))));
        assertThat(r.status()).as("%s: %s", goal, r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }
}

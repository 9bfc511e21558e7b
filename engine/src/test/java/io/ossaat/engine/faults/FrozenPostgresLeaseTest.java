package io.ossaat.engine.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Engine;
import io.ossaat.engine.Json;
import io.ossaat.engine.config.EngineConfig;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL frozen (SIGSTOP on the postmaster and its backends) for longer than the lease while a step runs: when
 * it thaws, the engine must not take its own healthy step back and run it again. The step's command runs once.
 */
class FrozenPostgresLeaseTest {
    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration FROZEN = Duration.ofSeconds(9);

    @Test
    void aStepRunningThroughAFrozenDatabaseRunsOnce() throws Exception {
        Path dir = TestEngines.newDataDir();
        FaultAgents.writeAutoAgent(dir);
        Path runs = dir.resolve("runs.txt");
        Path ws = Workspaces.gitRepo();
        try (Engine engine = TestEngines.start(EngineConfig.forDataDir(dir).withLease(LEASE))) {
            Api api = TestEngines.api(engine);
            String id = api.post("/v1/plans", Json.write(Map.of("goal", "frozen", "agent", "auto",
                    "workspace", ws.toString(), "inputs", Map.of("patch", Workspaces.NEW_FILE_PATCH,
                            "testCommand", "echo ran >> " + runs + " && sleep 15")))).json().get("id").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(runs));

            List<Long> postgres = postgresProcesses(dir);
            signal("-STOP", postgres);
            try {
                Thread.sleep(FROZEN.toMillis()); // the lease runs out while nothing can reach the database
            } finally {
                signal("-CONT", postgres);
            }

            await().atMost(Duration.ofSeconds(120)).until(() ->
                    api.get("/v1/plans/" + id).json().get("state").asText().equals("completed"));
            assertThat(Files.readAllLines(runs)).as("the test command's runs").hasSize(1);
            assertThat(step(api, id, "test").get("attempt").asInt()).isEqualTo(1);
        }
    }

    /** The postmaster (first line of its pid file) and every backend it forked. */
    private static List<Long> postgresProcesses(Path dataDir) throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).getFirst().trim());
        List<Long> pids = new ArrayList<>(List.of(postmaster));
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(p -> command.add(Long.toString(p)));
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static JsonNode step(Api api, String planId, String stepId) {
        for (JsonNode s : api.get("/v1/plans/" + planId).json().get("steps")) {
            if (s.get("id").asText().equals(stepId)) {
                return s;
            }
        }
        throw new AssertionError("no step " + stepId);
    }
}

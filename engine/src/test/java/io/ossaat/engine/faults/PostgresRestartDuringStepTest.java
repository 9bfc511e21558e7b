package io.ossaat.engine.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Engine;
import io.ossaat.engine.Json;
import io.ossaat.engine.config.EngineConfig;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.RestartablePostgres;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted while a step runs, and still away when the step's tool finishes, for longer than the lease:
 * the outcome is recorded once the database is back, the step is not run a second time and keeps its attempt, and
 * the plan completes. A database outage never turns into a retry, let alone a failed plan.
 */
class PostgresRestartDuringStepTest {
    static final Duration LEASE = Duration.ofSeconds(2);

    @Test
    void aStepThatFinishesWhilePostgresIsDownIsRecordedWhenItIsBack() throws Exception {
        Path dir = TestEngines.newDataDir();
        FaultAgents.writeAutoAgent(dir);
        Path runs = dir.resolve("runs.txt");
        try (RestartablePostgres pg = RestartablePostgres.start(dir.resolve("shared-pg"));
             Engine engine = TestEngines.start(EngineConfig.forDataDir(dir).withDbUrl(pg.jdbcUrl()).withLease(LEASE))) {
            Api api = TestEngines.api(engine);
            String id = api.post("/v1/plans", Json.write(Map.of("goal", "restart", "agent", "auto",
                    "workspace", Workspaces.gitRepo().toString(), "inputs", Map.of("patch", Workspaces.NEW_FILE_PATCH,
                            "testCommand", "echo started >> " + runs + " && sleep 3 && echo finished >> " + runs))))
                    .json().get("id").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(runs));

            pg.stopServer();
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readAllLines(runs).size() == 2);
            // away for three leases after the tool finished: the step's lease has run out when the database is back
            Thread.sleep(LEASE.multipliedBy(3).toMillis());
            pg.startServer();

            await().atMost(Duration.ofSeconds(120)).until(() -> {
                Api.Response r = api.get("/v1/plans/" + id);
                return r.status() == 200 && r.json().get("state").asText().equals("completed");
            });
            assertThat(Files.readAllLines(runs)).as("the test command ran once").containsExactly("started", "finished");
            JsonNode test = step(api, id, "test");
            assertThat(test.get("attempt").asInt()).isEqualTo(1);
            assertThat(stepEvents(pg, id, "test")).containsExactly("pending", "queued", "running", "completed");
        }
    }

    /** The states the step went through, from the event log. */
    private static List<String> stepEvents(RestartablePostgres pg, String planId, String stepId) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl());
             PreparedStatement ps = c.prepareStatement(
                     "select state from events where plan_id = ? and step_id = ? order by occurred_at, seq")) {
            ps.setString(1, planId);
            ps.setString(2, stepId);
            List<String> states = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.add(rs.getString(1));
                }
            }
            return states;
        }
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

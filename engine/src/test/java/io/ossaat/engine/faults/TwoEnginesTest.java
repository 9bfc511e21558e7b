package io.ossaat.engine.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ossaat.engine.Json;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.EngineProcess;
import io.ossaat.engine.testing.SseReader;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.Test;

/** Two engines on one Postgres and one Redis share the work, and a stream on either sees every event. */
class TwoEnginesTest {

    @Test
    void twoEnginesShareTheWorkAndEitherStreamSeesEverything() throws Exception {
        Path base = TestEngines.newDataDir();
        try (SharedStorage storage = new SharedStorage(base)) {
            Path dirA = base.resolve("a");
            Path dirB = base.resolve("b");
            io.ossaat.engine.DataDir.prepare(dirA);
            io.ossaat.engine.DataDir.prepare(dirB);
            FaultAgents.writeAutoAgent(dirA);
            FaultAgents.writeAutoAgent(dirB);
            try (EngineProcess a = EngineProcess.start(dirA, "--db-url", storage.dbUrl(), "--redis-url", storage.redisUrl(),
                    "--runners", "2");
                 EngineProcess b = EngineProcess.start(dirB, "--db-url", storage.dbUrl(), "--redis-url", storage.redisUrl(),
                         "--runners", "2");
                 SseReader onB = new SseReader(b.api(), "/v1/events", null)) {
                Api api = a.api();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    ids.add(api.post("/v1/plans", Json.write(Map.of("goal", "shared " + i, "agent", "auto",
                            "workspace", Workspaces.gitRepo().toString(), "inputs", Map.of("patch",
                                    Workspaces.NEW_FILE_PATCH, "testCommand", "sleep 0.5")))).json().get("id").asText());
                }
                await().atMost(Duration.ofSeconds(120)).until(() -> ids.stream().allMatch(id ->
                        b.api().get("/v1/plans/" + id).json().get("state").asText().equals("completed")));

                Set<String> runners = new HashSet<>();
                long events;
                try (Connection c = storage.postgres.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
                    ResultSet rs = st.executeQuery("select distinct ran_by from steps");
                    while (rs.next()) {
                        runners.add(rs.getString(1));
                    }
                    rs = st.executeQuery("select count(*) from events");
                    rs.next();
                    events = rs.getLong(1);
                }
                assertThat(runners).as("steps were run by both engines").hasSize(2);
                await().atMost(Duration.ofSeconds(20)).until(() -> onB.events().size() == events);
                List<Long> seqs = onB.events().stream().map(SseReader.SseEvent::seq).toList();
                for (int i = 0; i < seqs.size(); i++) {
                    assertThat(seqs.get(i)).isEqualTo(i + 1L);
                }
            }
        }
    }
}

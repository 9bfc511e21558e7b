package io.ossaat.engine.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.ossaat.engine.Engine;
import io.ossaat.engine.config.EngineConfig;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.Test;

class RestartTest {

    @Test
    void plansEventsAndTheTokenSurviveARestartOnTheSameDataDir() throws Exception {
        Path dir = TestEngines.newDataDir();
        String id;
        String token;
        try (Engine first = TestEngines.start(EngineConfig.forDataDir(dir))) {
            assertThat(first.token().created()).isTrue();
            token = first.token().value();
            id = TestEngines.api(first).createPlan("survive a restart").get("id").asText();
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("token")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        try (Engine second = TestEngines.start(EngineConfig.forDataDir(dir))) {
            assertThat(second.token().created()).isFalse();
            assertThat(second.token().value()).isEqualTo(token);
            Api api = TestEngines.api(second);
            assertThat(api.get("/v1/plans/" + id).json().get("goal").asText()).isEqualTo("survive a restart");
            // the event sequence continues where it stopped. Events are numbered after commit, by the next
            // sequencer pass of any engine: the first may have stopped before numbering its last ones, and the
            // second numbers them and the new plan's soon after it starts, not by the time a create answers
            String next = api.createPlan("after restart").get("id").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> second.events().head() >= 5);
            assertThat(next).isNotEqualTo(id);
        }
    }
}

package io.ossaat.engine.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Json;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.EngineProcess;
import io.ossaat.engine.testing.TestAgents;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.Test;

/** A tool's command sees PATH, HOME, LANG and what its agent profile lets through; never the engine's secrets. */
class ToolEnvironmentTest {

    @Test
    void aTestCommandThatPrintsItsEnvironmentShowsNoneOfTheEnginesSecrets() throws Exception {
        Path dir = TestEngines.newDataDir();
        TestAgents.writeUnattended(dir, "envy", "env: [ALLOWED_PROBE]");
        Map<String, String> secrets = Map.of("OSSAAT_TOKEN", "token-secret-1", "DATABASE_URL",
                "postgres://u:db-secret-2@h/db", "AWS_SECRET_ACCESS_KEY", "aws-secret-3", "ALLOWED_PROBE", "allowed-4");
        try (EngineProcess engine = EngineProcess.start(dir, secrets)) {
            Api api = engine.api();
            String id = api.post("/v1/plans", Json.write(Map.of("goal", "print env", "agent", "envy",
                    "workspace", Workspaces.gitRepo().toString(), "inputs", Map.of("patch", Workspaces.NEW_FILE_PATCH,
                            "testCommand", "env")))).json().get("id").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/v1/plans/" + id).json().get("state").asText()
                    .equals("completed"));
            JsonNode tests = null;
            for (JsonNode s : api.get("/v1/plans/" + id).json().get("steps")) {
                if (s.get("id").asText().equals("run_tests")) {
                    tests = s;
                }
            }
            String env = tests.get("output").get("outputTail").asText();
            assertThat(env).doesNotContain("token-secret-1", "db-secret-2", "aws-secret-3", engine.api().token());
            assertThat(env).contains("ALLOWED_PROBE=allowed-4", "PATH=", "HOME=");
            Set<String> names = env.lines().filter(l -> l.contains("=")).map(l -> l.substring(0, l.indexOf('=')))
                    .collect(Collectors.toSet());
            // what sh adds itself (PWD, SHLVL, _) besides what the engine passes
            assertThat(names).isSubsetOf("PATH", "HOME", "LANG", "ALLOWED_PROBE", "PWD", "OLDPWD", "SHLVL", "_");
        }
    }
}

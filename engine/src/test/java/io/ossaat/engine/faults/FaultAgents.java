package io.ossaat.engine.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Agent profiles for the fault tests: no human approvals, so plans run on their own. */
final class FaultAgents {
    private FaultAgents() {
    }

    /** apply a patch, run the test command, commit: the three tools with lasting effects. */
    static void writeAutoAgent(Path dataDir) throws IOException {
        Path file = dataDir.resolve("agents/auto/agent.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                ---
                name: auto
                capabilities: [repo.write, test.run, github.write]
                approval_policy:
                  default: auto
                  test.run: auto
                steps:
                  - {action: apply, tool: code_writer, capability: repo.write, timeout_seconds: 60}
                  - {action: test, tool: test_runner, capability: test.run, timeout_seconds: 60}
                  - {action: commit, tool: github_client, capability: github.write, timeout_seconds: 60}
                ---
                """);
    }
}

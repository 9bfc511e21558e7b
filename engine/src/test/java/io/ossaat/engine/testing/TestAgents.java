package io.ossaat.engine.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Agent profiles written into a data dir before its engine starts. */
public final class TestAgents {
    private TestAgents() {
    }

    /**
     * The default agent's four steps with no human approval, so plans run on their own.
     *
     * @param extra more front-matter lines, e.g. {@code keep_worktrees: true}
     */
    public static void writeUnattended(Path dataDir, String name, String... extra) {
        Path file = dataDir.resolve("agents/" + name + "/agent.md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "---\nname: " + name + "\n"
                    + "capabilities: [repo.read, repo.write, test.run, github.write]\n"
                    + "approval_policy:\n  default: auto\n  test.run: auto\n" // runs even a supplied test command
                    + String.join("\n", extra) + (extra.length == 0 ? "" : "\n") + "---\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

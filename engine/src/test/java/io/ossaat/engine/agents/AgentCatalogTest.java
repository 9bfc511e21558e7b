package io.ossaat.engine.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCatalogTest {
    @TempDir
    Path dir;

    @Test
    void shippedDefaultAgentWaitsForHumansOnWritesOnly() {
        AgentProfile agent = AgentCatalog.load(dir).find("default").orElseThrow();
        assertThat(agent.capabilities()).containsExactlyInAnyOrder("repo.read", "repo.write", "test.run", "github.write");
        assertThat(agent.needsApproval("repo.write")).isTrue();
        assertThat(agent.needsApproval("github.write")).isTrue();
        assertThat(agent.needsApproval("repo.read")).isFalse();
        assertThat(agent.needsApproval("test.run")).isFalse();
    }

    @Test
    void aProfileInTheDataDirOverridesTheShippedOne() throws Exception {
        Path file = dir.resolve("agents/default/agent.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                ---
                name: default
                role: cautious
                capabilities: [repo.read]
                approval_policy:
                  default: human
                ---
                body
                """);
        AgentProfile agent = AgentCatalog.load(dir).find("default").orElseThrow();
        assertThat(agent.role()).isEqualTo("cautious");
        assertThat(agent.needsApproval("repo.read")).isTrue();
        assertThat(agent.source()).isEqualTo(file.toString());
    }

    @Test
    void malformedProfilesNameTheFileAndTheProblem() {
        assertThatThrownBy(() -> AgentCatalog.parse("no front matter", "x.md")).hasMessageContaining("x.md")
                .hasMessageContaining("---");
        assertThatThrownBy(() -> AgentCatalog.parse("---\nname: Bad Name\n---\n", "y.md")).hasMessageContaining("'name'");
        assertThatThrownBy(() -> AgentCatalog.parse("---\nname: ok\napproval_policy:\n  repo.write: maybe\n---\n", "z.md"))
                .hasMessageContaining("approval_policy.repo.write");
    }
}

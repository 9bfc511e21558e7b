package io.ossaat.engine.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Attacks on what a plan may name as its workspace, on real folders, links and git repositories. */
class WorkspaceRulesTest {
    Path base;
    Path dataDir;
    Path home;
    Path root;
    Path outside;
    WorkspaceRules rules;

    @BeforeEach
    void setUp() throws Exception {
        base = TestEngines.newDataDir();
        dataDir = Files.createDirectories(base.resolve("engine/data"));
        home = Workspaces.gitRepo(base); // a home folder that is itself a repository is still refused
        root = Files.createDirectories(base.resolve("root"));
        outside = Files.createDirectories(base.resolve("outside"));
        rules = new WorkspaceRules(dataDir, home, List.of(root));
    }

    private String refusal(WorkspaceRules r, Path ws) {
        try {
            r.check(ws.toString());
            throw new AssertionError(ws + " was accepted");
        } catch (WorkspaceRules.Refused e) {
            assertThat(e.field()).isEqualTo("workspace");
            return e.getMessage();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRepositoryInsideARootIsAcceptedAsItsRealPath() throws Exception {
        Path repo = Workspaces.gitRepo(root);
        Path link = Files.createSymbolicLink(outside.resolve("to-repo"), repo);
        assertThat(rules.check(repo.toString())).isEqualTo(repo.toRealPath());
        assertThat(rules.check(link.toString())).as("a link into a root is judged by where it leads")
                .isEqualTo(repo.toRealPath());
    }

    @Test
    void theRootFolderTheHomeFolderAndTheDataDirAreRefused() {
        WorkspaceRules anywhere = new WorkspaceRules(dataDir, home, List.of());
        assertThat(refusal(anywhere, Path.of("/"))).contains("root folder");
        assertThat(refusal(anywhere, home)).contains("home folder");
        assertThat(refusal(anywhere, dataDir)).contains("data dir");
        assertThat(refusal(anywhere, dataDir.getParent())).as("a folder holding the data dir").contains("data dir");
        assertThat(refusal(anywhere, base)).contains("data dir");
    }

    @Test
    void aRepositoryInsideTheDataDirIsRefused() {
        Path inside = Workspaces.gitRepo(dataDir);
        assertThat(refusal(new WorkspaceRules(dataDir, home, List.of()), inside)).contains("inside the engine's data dir");
    }

    @Test
    void aRepositoryOutsideEveryRootIsRefused() {
        assertThat(refusal(rules, Workspaces.gitRepo(outside))).contains("outside the workspace roots");
    }

    @Test
    void aLinkInsideARootThatLeadsOutIsRefused() throws Exception {
        Path escape = Files.createSymbolicLink(root.resolve("escape"), Workspaces.gitRepo(outside));
        assertThat(refusal(rules, escape)).contains("outside the workspace roots").contains("once links are resolved");
        Path dotdot = root.resolve("../outside");
        assertThat(refusal(rules, dotdot)).contains("outside the workspace roots");
    }

    @Test
    void aFolderThatIsNoRepositoryIsRefused() throws Exception {
        Path plain = Files.createDirectories(root.resolve("plain"));
        assertThat(refusal(rules, plain)).contains("not a git repository");
        Path sub = Files.createDirectories(Workspaces.gitRepo(root).resolve("src/deeper"));
        assertThat(refusal(rules, sub)).as("a folder inside a repository is not its top").contains("not a git repository");
    }

    @Test
    void aBareRepositoryAndAGitFolderAreRefused() throws Exception {
        Path bare = Files.createDirectories(root.resolve("bare.git"));
        Workspaces.git(bare, "init", "-q", "--bare");
        assertThat(refusal(rules, bare)).contains("bare");
        assertThat(refusal(rules, Workspaces.gitRepo(root).resolve(".git"))).contains("bare repository or a .git folder");
    }

    @Test
    void aRepositoryWithoutACommitIsRefused() throws Exception {
        Path empty = Files.createDirectories(root.resolve("empty"));
        Workspaces.git(empty, "init", "-q");
        assertThat(refusal(rules, empty)).contains("without a commit");
    }

    @Test
    void aRepositoryWithSubmodulesIsRefusedClearly() throws Exception {
        Path repo = Workspaces.gitRepo(root);
        Files.writeString(repo.resolve(".gitmodules"), "[submodule \"lib\"]\n\tpath = lib\n\turl = ../lib\n");
        assertThat(refusal(rules, repo)).contains("submodules");
    }

    @Test
    void relativeAndMissingPathsAreRefused() {
        assertThat(refusal(rules, Path.of("relative/repo"))).contains("absolute");
        assertThat(refusal(rules, root.resolve("missing"))).contains("not an existing folder");
    }

    @Test
    void aRootThatDoesNotExistIsAStartError() {
        assertThatThrownBy(() -> new WorkspaceRules(dataDir, home, List.of(base.resolve("nope"))))
                .hasMessageContaining("nope");
    }

    @Test
    void inputsNamingGitObjectsMustNameRealOnes() throws Exception {
        Path repo = Workspaces.gitRepo(root);
        rules.checkInputs(repo, Map.of("branch", "feature/x", "base", "main"));
        assertThatThrownBy(() -> rules.checkInputs(repo, Map.of("branch", "-x")))
                .isInstanceOfSatisfying(WorkspaceRules.Refused.class, e -> assertThat(e.field()).isEqualTo("inputs.branch"));
        assertThatThrownBy(() -> rules.checkInputs(repo, Map.of("branch", "a..b")))
                .isInstanceOf(WorkspaceRules.Refused.class);
        assertThatThrownBy(() -> rules.checkInputs(repo, Map.of("branch", "main")))
                .as("the user's checked-out branch").hasMessageContaining("checked out in");
        assertThatThrownBy(() -> rules.checkInputs(repo, Map.of("base", "no-such-ref")))
                .isInstanceOfSatisfying(WorkspaceRules.Refused.class, e -> assertThat(e.field()).isEqualTo("inputs.base"));
        assertThatThrownBy(() -> rules.checkInputs(repo, Map.of("base", "--output=/tmp/x")))
                .isInstanceOfSatisfying(WorkspaceRules.Refused.class, e -> assertThat(e.field()).isEqualTo("inputs.base"));
    }
}

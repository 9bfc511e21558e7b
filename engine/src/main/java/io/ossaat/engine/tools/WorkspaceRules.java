package io.ossaat.engine.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a plan's workspace may be: the top folder of a git repository with a commit (not bare, no submodules), never
 * {@code /}, the home folder itself, the engine's data dir, a folder holding it or one inside it, and, when
 * workspace roots are set, inside one of them. Symbolic links are resolved before any of this is judged, so a link
 * cannot lead a plan out of a root. Checked when a plan is created and again before its worktree is made.
 */
public final class WorkspaceRules {
    private final Path dataDir;
    private final Path home;
    private final List<Path> roots;

    /** A workspace or a plan input that may not be used, with the request field it came from. */
    public static final class Refused extends Exception {
        private final String field;

        Refused(String field, String reason) {
            super(reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * @param roots the folders workspaces must lie in; empty allows any folder the other rules allow
     * @throws IllegalArgumentException naming a root that does not exist
     */
    public WorkspaceRules(Path dataDir, Path home, List<Path> roots) {
        this.dataDir = real(dataDir).orElse(dataDir.toAbsolutePath().normalize());
        this.home = real(home).orElse(home.toAbsolutePath().normalize());
        List<Path> resolved = new ArrayList<>();
        for (Path r : roots) {
            resolved.add(real(r).filter(Files::isDirectory).orElseThrow(() ->
                    new IllegalArgumentException(r + " is not an existing folder")));
        }
        this.roots = List.copyOf(resolved);
    }

    public List<Path> roots() {
        return roots;
    }

    /**
     * @return the workspace's real path (links resolved), which is what the tools work from
     * @throws Refused with the reason, field {@code workspace}
     */
    public Path check(String workspace) throws Refused, InterruptedException {
        Path given = Path.of(workspace);
        if (!given.isAbsolute()) {
            throw new Refused("workspace", "must be an absolute path");
        }
        Path ws = real(given).filter(Files::isDirectory).orElseThrow(() ->
                new Refused("workspace", "is not an existing folder on the engine's machine"));
        String seen = ws.equals(given.normalize()) ? "" : " (" + ws + " once links are resolved)";
        if (ws.getParent() == null) {
            throw new Refused("workspace", "may not be the root folder" + seen);
        }
        if (ws.equals(home)) {
            throw new Refused("workspace", "may not be the home folder itself" + seen + "; name a repository in it");
        }
        if (dataDir.startsWith(ws)) {
            throw new Refused("workspace", "may not be the engine's data dir or a folder holding it" + seen);
        }
        if (ws.startsWith(dataDir)) {
            throw new Refused("workspace", "may not be inside the engine's data dir" + seen);
        }
        if (!roots.isEmpty() && roots.stream().noneMatch(ws::startsWith)) {
            throw new Refused("workspace", "is outside the workspace roots " + roots + seen);
        }
        Map<String, String> env = Map.of("GIT_CEILING_DIRECTORIES", ws.getParent().toString());
        Processes.Outcome repo = git(ws, env, "rev-parse", "--is-bare-repository", "--is-inside-git-dir");
        if (!repo.ok()) {
            throw new Refused("workspace", "is not a git repository" + seen + " (run git init there, or name the "
                    + "repository's top folder)");
        }
        if (repo.tail().contains("true")) {
            throw new Refused("workspace", "is a bare repository or a .git folder" + seen
                    + "; a plan needs a repository with a checkout");
        }
        if (!git(ws, env, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").ok()) {
            throw new Refused("workspace", "is a git repository without a commit yet" + seen
                    + "; a plan's branch starts from a commit");
        }
        if (Files.exists(ws.resolve(".gitmodules"))) {
            throw new Refused("workspace", "has git submodules, which a plan's worktree does not check out" + seen);
        }
        return ws;
    }

    /**
     * Checks the inputs that name git objects: {@code branch} (the plan's branch) and {@code base} (what it starts
     * from), so a bad one is refused when the plan is made rather than when its first step runs.
     */
    public void checkInputs(Path repo, Map<String, Object> inputs) throws Refused, InterruptedException {
        Object branch = inputs.get("branch");
        if (branch != null && !String.valueOf(branch).isBlank()) {
            String reason = PlanWorktrees.branchProblem(String.valueOf(branch));
            if (reason != null) {
                throw new Refused("inputs.branch", reason);
            }
            Optional<Path> where;
            try {
                where = PlanWorktrees.checkedOut(repo, String.valueOf(branch));
            } catch (ToolFailure e) {
                where = Optional.empty();
            }
            if (where.isPresent()) {
                throw new Refused("inputs.branch", "'" + branch + "' is checked out in " + where.get()
                        + "; a plan works on a branch of its own");
            }
        }
        Object base = inputs.get("base");
        if (base != null) {
            String b = String.valueOf(base);
            if (b.isBlank() || b.startsWith("-") || b.length() > 200
                    || !git(repo, Map.of(), "rev-parse", "--verify", "--quiet", b + "^{commit}").ok()) {
                throw new Refused("inputs.base", "'" + b + "' does not name a commit in " + repo);
            }
        }
    }

    private static Processes.Outcome git(Path dir, Map<String, String> env, String... args) throws InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        try {
            return Processes.run(dir, cmd, env);
        } catch (IOException e) {
            return new Processes.Outcome(-1, "cannot run git: " + e.getMessage());
        }
    }

    private static java.util.Optional<Path> real(Path p) {
        try {
            return java.util.Optional.of(p.toRealPath());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}

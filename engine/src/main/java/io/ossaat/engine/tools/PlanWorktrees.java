package io.ossaat.engine.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Every plan works in its own {@code git worktree} under {@code <data-dir>/worktrees/<plan id>}, on the plan's branch,
 * so the user's checkout (branch, index, edits, untracked files, stash) is never touched and plans on one repository
 * do not see each other's changes. The worktree is made when a step first needs it, from {@code inputs.base} or the
 * repository's {@code HEAD}; it shares the repository's object store. It is removed when the plan ends (the branch and
 * its commit stay), or kept for inspection when asked. Opening is idempotent: a step that runs again after a crash
 * finds the worktree its plan already has (also one another engine on this machine made for it), and whatever a crash
 * left half made is cleared and made again.
 */
public final class PlanWorktrees {
    private static final System.Logger LOG = System.getLogger(PlanWorktrees.class.getName());

    private final Path root;
    private final WorkspaceRules rules;
    private final Map<Path, Object> repoLocks = new ConcurrentHashMap<>();

    public PlanWorktrees(Path dataDir, WorkspaceRules rules) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            dir = dir.toRealPath(); // git reports worktrees by their real path
        } catch (IOException e) {
            // not made yet: used as given
        }
        this.root = dir.resolve("worktrees");
        this.rules = rules;
    }

    /** The plan's branch: {@code inputs.branch}, or {@code ossaat/<plan id>}. */
    public static String branchOf(String planId, Map<String, Object> inputs) {
        Object b = inputs.get("branch");
        return b == null || String.valueOf(b).isBlank() ? "ossaat/" + planId : String.valueOf(b);
    }

    /** Why a branch name cannot be used, or null when it can. */
    public static String branchProblem(String branch) {
        if (!branch.matches("[A-Za-z0-9._/-]{1,200}") || branch.contains("..") || branch.startsWith("-")
                || branch.startsWith("/") || branch.endsWith("/") || branch.endsWith(".lock") || branch.contains("//")) {
            return "'" + branch + "' is not a valid branch name";
        }
        return null;
    }

    /** Where the plan's worktree is, while it exists on this engine. */
    public Optional<Path> location(String planId) {
        Path dir = dirOf(planId);
        return dir != null && Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /**
     * The plan's worktree, made on first use.
     *
     * @throws ToolFailure when the workspace no longer passes the rules or git cannot make the worktree
     */
    public Workspace open(String planId, String workspace, Map<String, Object> inputs)
            throws ToolFailure, InterruptedException {
        Path repo;
        try {
            repo = rules.check(workspace);
        } catch (WorkspaceRules.Refused e) {
            throw new ToolFailure("workspace " + workspace + ": " + e.getMessage(), false);
        }
        String branch = branchOf(planId, inputs);
        if (branchProblem(branch) != null) {
            throw new ToolFailure("inputs.branch: " + branchProblem(branch), false);
        }
        Path dir = dirOf(planId);
        if (dir == null) {
            throw new ToolFailure("'" + planId + "' cannot name a worktree folder", false);
        }
        synchronized (repoLocks.computeIfAbsent(repo, r -> new Object())) {
            Optional<Path> existing = checkedOut(repo, branch);
            if (existing.isPresent()) {
                // this plan's worktree, made here or by another engine sharing the work on this machine
                if (isWorktreeOf(existing.get(), planId)) {
                    return new Workspace(existing.get());
                }
                throw new ToolFailure("branch " + branch + " is checked out in " + existing.get()
                        + "; a plan needs a branch of its own (set inputs.branch)", false);
            }
            // what a crash may have left: a registered worktree whose folder is gone, a folder git does not know
            git(repo, "worktree", "prune");
            deleteTree(dir);
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new ToolFailure("cannot create " + root + ": " + e.getMessage(), true);
            }
            if (branchExists(repo, branch)) {
                git(repo, "worktree", "add", "--quiet", dir.toString(), branch);
            } else {
                String base = inputs.get("base") == null ? "HEAD" : String.valueOf(inputs.get("base"));
                if (base.startsWith("-")) {
                    throw new ToolFailure("inputs.base '" + base + "' does not name a commit", false);
                }
                git(repo, "worktree", "add", "--quiet", "-b", branch, dir.toString(), base);
            }
            return new Workspace(dir);
        }
    }

    /** The plan has ended: its worktree goes unless {@code keep}; the branch and its commit stay. */
    public void ended(String planId, boolean keep) {
        Optional<Path> dir = location(planId);
        if (dir.isEmpty()) {
            return;
        }
        if (keep) {
            LOG.log(System.Logger.Level.INFO, "kept the worktree of plan " + planId + " at " + dir.get());
            return;
        }
        remove(dir.get());
    }

    /**
     * After a start: removes the worktrees of plans that ended (or are unknown) and folders a crash left behind,
     * and keeps those {@code keep} says to (plans still running reuse theirs).
     */
    public void recover(Predicate<String> keep) {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> dirs;
        try (Stream<Path> children = Files.list(root)) {
            dirs = children.toList();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list " + root + ": " + e.getMessage());
            return;
        }
        for (Path dir : dirs) {
            if (!keep.test(dir.getFileName().toString())) {
                remove(dir);
            }
        }
    }

    /** Deletes the folder and lets its repository forget it ({@code git worktree prune}). */
    private void remove(Path dir) {
        Optional<Path> gitDir = commonGitDir(dir);
        try {
            deleteTree(dir);
            if (gitDir.isPresent() && Files.isDirectory(gitDir.get())) {
                Processes.run(gitDir.get(), List.of("git", "--git-dir=" + gitDir.get(), "worktree", "prune"), Map.of());
            }
        } catch (ToolFailure | IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove worktree " + dir + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The repository's .git folder, from the worktree's {@code .git} file ({@code gitdir: <repo>/.git/worktrees/<name>}). */
    private static Optional<Path> commonGitDir(Path dir) {
        try {
            Path file = dir.resolve(".git");
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String line = Files.readString(file).strip();
            if (!line.startsWith("gitdir: ")) {
                return Optional.empty();
            }
            Path own = Path.of(line.substring(8).trim());
            return own.getParent() == null ? Optional.empty() : Optional.ofNullable(own.getParent().getParent());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The folder where the branch is checked out, if any worktree of the repository (the main one too) has it. */
    static Optional<Path> checkedOut(Path repo, String branch) throws ToolFailure, InterruptedException {
        String list = git(repo, "worktree", "list", "--porcelain");
        Path current = null;
        for (String line : list.lines().toList()) {
            if (line.startsWith("worktree ")) {
                current = Path.of(line.substring(9));
            } else if (line.equals("branch refs/heads/" + branch) && current != null && Files.isDirectory(current)) {
                return Optional.of(current);
            }
        }
        return Optional.empty();
    }

    private static boolean isWorktreeOf(Path dir, String planId) {
        return dir.getFileName().toString().equals(planId) && dir.getParent() != null
                && dir.getParent().getFileName().toString().equals("worktrees");
    }

    private static boolean branchExists(Path repo, String branch) throws InterruptedException {
        try {
            return Processes.run(repo, List.of("git", "rev-parse", "--verify", "--quiet", "refs/heads/" + branch),
                    Map.of()).ok();
        } catch (IOException e) {
            return false;
        }
    }

    private Path dirOf(String planId) {
        if (!planId.matches("[A-Za-z0-9_-]{1,100}")) {
            return null;
        }
        return root.resolve(planId);
    }

    /** Deletes a folder tree without following links out of it. */
    private static void deleteTree(Path dir) throws ToolFailure {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> failed = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    failed.add(p);
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ToolFailure("cannot delete " + dir + ": " + e.getMessage(), true);
        }
        if (!failed.isEmpty()) {
            throw new ToolFailure("cannot delete " + failed.getFirst(), true);
        }
    }

    private static String git(Path repo, String... args) throws ToolFailure, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        return Processes.check(repo, cmd);
    }
}

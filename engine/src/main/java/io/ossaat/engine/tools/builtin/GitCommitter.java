package io.ossaat.engine.tools.builtin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ossaat.engine.tools.PlanWorktrees;
import io.ossaat.engine.tools.Processes;
import io.ossaat.engine.tools.Tool;
import io.ossaat.engine.tools.ToolContext;
import io.ossaat.engine.tools.ToolFailure;
import io.ossaat.engine.tools.ToolResult;
import io.ossaat.engine.tools.Workspace;

/**
 * {@code github_client} (github.write): commits the plan's changes on its branch ({@code inputs.branch} or
 * {@code ossaat/<plan id>}), which its worktree has checked out. The commit message carries the plan id, so a second
 * run finds its commit and adds none. Pushes only when the repository has a remote and {@code inputs.push} is true; otherwise says so.
 */
public final class GitCommitter implements Tool {

    @Override
    public String name() {
        return "github_client";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("github.write");
    }

    @Override
    public String description() {
        return "Commits the change on a new local branch; pushes when a remote is configured and inputs.push is true.";
    }

    @Override
    public ToolResult run(ToolContext context) throws ToolFailure, InterruptedException {
        Workspace ws = context.requireWorkspace(name());
        ws.requireExists();
        Map<String, String> env = new java.util.HashMap<>(context.environment());
        env.putAll(ws.gitEnv());
        if (!ws.root().resolve(".git").toFile().exists()) {
            throw new ToolFailure("the workspace " + ws.root() + " is not the root of a git repository", false);
        }
        String branch = PlanWorktrees.branchOf(context.planId(), context.inputs());
        if (PlanWorktrees.branchProblem(branch) != null) {
            throw new ToolFailure("inputs.branch: " + PlanWorktrees.branchProblem(branch), false);
        }
        String marker = "ossaat-plan: " + context.planId();
        String current = git(ws, env, "rev-parse", "--abbrev-ref", "HEAD").strip();
        boolean exists = !gitQuiet(ws, env, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch).isBlank();
        if (!current.equals(branch)) {
            if (exists) {
                git(ws, env, "checkout", "-q", branch);
            } else {
                git(ws, env, "checkout", "-q", "-b", branch);
            }
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("branch", branch);
        String head = gitQuiet(ws, env, "log", "-1", "--format=%H%n%B").strip();
        String commit;
        if (head.contains(marker)) {
            commit = head.lines().findFirst().orElse("");
            output.put("alreadyCommitted", true);
        } else {
            git(ws, env, "add", "-A");
            String goal = context.input("commitMessage").orElse("ossaat: changes for plan " + context.planId());
            git(ws, env, "-c", "user.name=ossaat", "-c", "user.email=ossaat@localhost", "commit", "-q",
                    "--allow-empty", "-m", goal, "-m", marker);
            commit = git(ws, env, "rev-parse", "HEAD").strip();
        }
        output.put("commit", commit);
        String remote = gitQuiet(ws, env, "remote").lines().findFirst().orElse("");
        boolean push = Boolean.parseBoolean(context.input("push").orElse("false"));
        String pushed;
        if (remote.isEmpty()) {
            pushed = "not pushed: the repository has no remote";
        } else if (!push) {
            pushed = "not pushed: set inputs.push to true to push to '" + remote + "'";
        } else {
            git(ws, env, "push", "-q", "-u", remote, branch);
            pushed = "pushed to " + remote;
        }
        output.put("push", pushed);
        return new ToolResult(output, "committed " + commit.substring(0, Math.min(12, commit.length())) + " on "
                + branch + "; " + pushed);
    }

    private static String git(Workspace ws, Map<String, String> env, String... args) throws ToolFailure, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        return Processes.check(ws.root(), cmd, env);
    }

    private static String gitQuiet(Workspace ws, Map<String, String> env, String... args) throws InterruptedException {
        try {
            return git(ws, env, args);
        } catch (ToolFailure e) {
            return "";
        }
    }
}

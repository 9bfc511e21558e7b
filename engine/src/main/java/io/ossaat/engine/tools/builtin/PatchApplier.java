package io.ossaat.engine.tools.builtin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ossaat.engine.Sha256;
import io.ossaat.engine.tools.ApprovalDetails;
import io.ossaat.engine.tools.Processes;
import io.ossaat.engine.tools.Tool;
import io.ossaat.engine.tools.ToolContext;
import io.ossaat.engine.tools.ToolFailure;
import io.ossaat.engine.tools.ToolResult;
import io.ossaat.engine.tools.Workspace;

/**
 * {@code code_writer} (repo.write): applies the unified diff in {@code inputs.patch} with {@code git apply}, which
 * applies all or nothing. A patch that is already applied (it reverses cleanly) is left alone, so a step that runs
 * again after a crash does not apply it twice. Every path in the patch must stay inside the workspace.
 */
public final class PatchApplier implements Tool {

    @Override
    public String name() {
        return "code_writer";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("repo.write");
    }

    @Override
    public String description() {
        return "Applies the unified diff in inputs.patch to the workspace (all or nothing, never twice).";
    }

    @Override
    public Map<String, String> requiredInputs() {
        return Map.of("patch", "the unified diff it applies");
    }

    @Override
    public ApprovalDetails approvalDetails(Map<String, Object> inputs) {
        return inputs.get("patch") instanceof String patch ? new ApprovalDetails(null, Sha256.hex(patch))
                : ApprovalDetails.NONE;
    }

    @Override
    public ToolResult run(ToolContext context) throws ToolFailure, InterruptedException {
        Workspace ws = context.requireWorkspace(name());
        ws.requireExists();
        String patch = context.input("patch").orElseThrow(() ->
                new ToolFailure("code_writer needs the unified diff in inputs.patch", false));
        if (!patch.endsWith("\n")) {
            patch = patch + "\n";
        }
        List<String> files = touchedFiles(patch);
        if (files.isEmpty()) {
            throw new ToolFailure("inputs.patch holds no file changes (expected a unified diff with ---/+++ lines)", false);
        }
        for (String f : files) {
            ws.resolve(f);
        }
        Path patchFile;
        try {
            patchFile = Files.createTempFile("ossaat-patch-", ".diff");
            Files.writeString(patchFile, patch, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new ToolFailure("cannot stage the patch: " + e.getMessage(), true);
        }
        try {
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("files", files);
            if (applies(ws, patchFile, true)) {
                output.put("applied", false);
                output.put("alreadyApplied", true);
                return new ToolResult(output, "patch already applied to " + files.size() + " file(s); nothing to do");
            }
            List<String> apply = gitApply(patchFile, false);
            try {
                Processes.check(ws.root(), apply, ws.gitEnv());
            } catch (ToolFailure e) {
                throw new ToolFailure("the patch does not apply; the workspace is unchanged: " + e.getMessage(), false);
            }
            output.put("applied", true);
            return new ToolResult(output, "applied patch to " + files.size() + " file(s): " + String.join(", ", files));
        } finally {
            try {
                Files.deleteIfExists(patchFile);
            } catch (java.io.IOException ignored) {
                // temp file
            }
        }
    }

    private static boolean applies(Workspace ws, Path patchFile, boolean reverse) throws InterruptedException {
        List<String> cmd = gitApply(patchFile, reverse);
        cmd.add("--check");
        try {
            return Processes.run(ws.root(), cmd, ws.gitEnv()).ok();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static List<String> gitApply(Path patchFile, boolean reverse) {
        // --unsafe-paths is deliberately absent: git refuses paths outside the work tree on its own too
        List<String> cmd = new ArrayList<>(List.of("git", "apply", "--whitespace=nowarn"));
        if (reverse) {
            cmd.add("--reverse");
        }
        cmd.add(patchFile.toString());
        return cmd;
    }

    /** The file paths a unified diff names on its ---/+++ lines, without a/ b/ prefixes and /dev/null. */
    static List<String> touchedFiles(String patch) {
        List<String> files = new ArrayList<>();
        for (String line : patch.split("\n")) {
            if (line.startsWith("+++ ") || line.startsWith("--- ")) {
                String path = line.substring(4).split("\t")[0].trim();
                if (path.equals("/dev/null")) {
                    continue;
                }
                if (path.startsWith("a/") || path.startsWith("b/")) {
                    path = path.substring(2);
                }
                if (!files.contains(path)) {
                    files.add(path);
                }
            }
        }
        return files;
    }
}

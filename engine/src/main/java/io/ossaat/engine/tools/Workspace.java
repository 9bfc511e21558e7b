package io.ossaat.engine.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** A plan's workspace folder; every path a tool touches is resolved here and may never leave it. */
public record Workspace(Path root) {

    public Workspace {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * Resolves a relative path inside the workspace.
     *
     * @throws ToolFailure when the path (or a symbolic link on the way) would lead outside
     */
    public Path resolve(String relative) throws ToolFailure {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root) || Path.of(relative).isAbsolute()) {
            throw new ToolFailure("path '" + relative + "' is outside the workspace", false);
        }
        try {
            Path real = root.toRealPath();
            Path existing = p;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing != null && !existing.toRealPath().startsWith(real)) {
                throw new ToolFailure("path '" + relative + "' leads outside the workspace through a link", false);
            }
        } catch (IOException e) {
            throw new ToolFailure("cannot check path '" + relative + "': " + e.getMessage(), false);
        }
        return p;
    }

    /** Keeps git from finding a repository above the workspace, so no tool ever acts on a parent repository. */
    public java.util.Map<String, String> gitEnv() {
        return root.getParent() == null ? java.util.Map.of()
                : java.util.Map.of("GIT_CEILING_DIRECTORIES", root.getParent().toString());
    }

    public void requireExists() throws ToolFailure {
        if (!Files.isDirectory(root)) {
            throw new ToolFailure("workspace " + root + " does not exist (any more)", false);
        }
    }
}

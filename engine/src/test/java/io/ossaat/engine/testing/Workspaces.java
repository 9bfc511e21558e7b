package io.ossaat.engine.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Real git repositories in temp folders for tool and runtime tests. */
public final class Workspaces {
    private Workspaces() {
    }

    public static Path gitRepo() {
        return gitRepo(TestEngines.newDataDir());
    }

    /** A repository with one commit in a new folder under {@code parent}. */
    public static Path gitRepo(Path parent) {
        try {
            Path dir = Files.createTempDirectory(parent, "ws-");
            Files.writeString(dir.resolve("README.md"), "# demo\n\nline\n");
            Files.writeString(dir.resolve(".gitignore"), "*.log\nbuild/\n");
            Files.writeString(dir.resolve("debug.log"), "ignored\n");
            Files.createDirectories(dir.resolve("build"));
            Files.writeString(dir.resolve("build/out.java"), "ignored\n");
            Files.createDirectories(dir.resolve("src"));
            Files.writeString(dir.resolve("src/Main.java"), "class Main {\n}\n");
            git(dir, "init", "-q", "-b", "main");
            git(dir, "add", "-A");
            git(dir, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "init");
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String git(Path dir, String... args) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("git"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A unified diff that creates {@code NEW.md}. */
    public static final String NEW_FILE_PATCH = """
            --- /dev/null
            +++ b/NEW.md
            @@ -0,0 +1,2 @@
            +# New
            +made by ossaat
            """;
}

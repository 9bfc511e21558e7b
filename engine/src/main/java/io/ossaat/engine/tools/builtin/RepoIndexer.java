package io.ossaat.engine.tools.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.ossaat.engine.tools.Tool;
import io.ossaat.engine.tools.ToolContext;
import io.ossaat.engine.tools.ToolFailure;
import io.ossaat.engine.tools.ToolResult;
import io.ossaat.engine.tools.Workspace;

/** {@code repo_indexer} (repo.read): files, lines and languages of the workspace, honouring {@code .gitignore}. */
public final class RepoIndexer implements Tool {
    private static final long MAX_COUNTED_BYTES = 16L * 1024 * 1024;
    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("java", "Java"), Map.entry("kt", "Kotlin"), Map.entry("go", "Go"), Map.entry("rs", "Rust"),
            Map.entry("ts", "TypeScript"), Map.entry("tsx", "TypeScript"), Map.entry("js", "JavaScript"),
            Map.entry("mjs", "JavaScript"), Map.entry("py", "Python"), Map.entry("rb", "Ruby"), Map.entry("c", "C"),
            Map.entry("h", "C"), Map.entry("cpp", "C++"), Map.entry("hpp", "C++"), Map.entry("cs", "C#"),
            Map.entry("sh", "Shell"), Map.entry("sql", "SQL"), Map.entry("md", "Markdown"), Map.entry("yaml", "YAML"),
            Map.entry("yml", "YAML"), Map.entry("json", "JSON"), Map.entry("xml", "XML"), Map.entry("html", "HTML"),
            Map.entry("css", "CSS"), Map.entry("toml", "TOML"));

    @Override
    public String name() {
        return "repo_indexer";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("repo.read");
    }

    @Override
    public String description() {
        return "Counts the workspace's files, lines and languages, honouring .gitignore.";
    }

    @Override
    public ToolResult run(ToolContext context) throws ToolFailure, InterruptedException {
        Workspace ws = context.requireWorkspace(name());
        ws.requireExists();
        Map<String, long[]> byLanguage = new TreeMap<>();
        long[] totals = new long[2];
        Deque<GitIgnore> ignores = new ArrayDeque<>();
        try {
            Files.walkFileTree(ws.root(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (Thread.currentThread().isInterrupted()) {
                        return FileVisitResult.TERMINATE;
                    }
                    if (!dir.equals(ws.root()) && (dir.getFileName().toString().equals(".git") || isIgnored(dir, true))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    ignores.push(GitIgnore.load(dir));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                    ignores.pop();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    // a worktree's .git is a file pointing at the repository
                    if (!attrs.isRegularFile() || file.getFileName().toString().equals(".git") || isIgnored(file, false)) {
                        return FileVisitResult.CONTINUE;
                    }
                    long lines = countLines(file, attrs.size());
                    String language = language(file);
                    long[] l = byLanguage.computeIfAbsent(language, k -> new long[2]);
                    l[0]++;
                    l[1] += lines;
                    totals[0]++;
                    totals[1] += lines;
                    return FileVisitResult.CONTINUE;
                }

                /** The innermost .gitignore that speaks about the path decides (as git does). */
                private boolean isIgnored(Path path, boolean isDir) {
                    for (GitIgnore g : ignores) {
                        Boolean verdict = g.ignored(path, isDir);
                        if (verdict != null) {
                            return verdict;
                        }
                    }
                    return false;
                }
            });
        } catch (IOException e) {
            throw new ToolFailure("cannot index " + ws.root() + ": " + e.getMessage(), true);
        }
        context.checkCancelled();
        Map<String, Object> languages = new LinkedHashMap<>();
        byLanguage.forEach((k, v) -> languages.put(k, Map.of("files", v[0], "lines", v[1])));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("files", totals[0]);
        output.put("lines", totals[1]);
        output.put("languages", languages);
        return new ToolResult(output, "indexed " + totals[0] + " files, " + totals[1] + " lines in "
                + languages.size() + " languages");
    }

    private static String language(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "Other" : LANGUAGES.getOrDefault(name.substring(dot + 1).toLowerCase(), "Other");
    }

    /** Lines of a text file; 0 for binary files (a NUL byte) and very large ones. */
    private static long countLines(Path file, long size) throws IOException {
        if (size == 0 || size > MAX_COUNTED_BYTES) {
            return 0;
        }
        long lines = 0;
        boolean lastNewline = true;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == 0) {
                        return 0;
                    }
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
                lastNewline = buf[n - 1] == '\n';
            }
        }
        return lastNewline ? lines : lines + 1;
    }
}

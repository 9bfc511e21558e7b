package io.ossaat.engine.tools.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of one {@code .gitignore} file: comments, {@code !} negation, trailing {@code /} for folders only,
 * patterns with a slash anchored to the file's folder, others matched against the name at any depth, and
 * {@code *}, {@code ?}, {@code **}.
 */
final class GitIgnore {
    private record Rule(Pattern pattern, boolean negate, boolean dirOnly, boolean anchored) {
    }

    private final Path base;
    private final List<Rule> rules;

    private GitIgnore(Path base, List<Rule> rules) {
        this.base = base;
        this.rules = rules;
    }

    static GitIgnore load(Path dir) throws IOException {
        Path file = dir.resolve(".gitignore");
        List<Rule> rules = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                boolean negate = line.startsWith("!");
                if (negate) {
                    line = line.substring(1);
                }
                boolean dirOnly = line.endsWith("/");
                if (dirOnly) {
                    line = line.substring(0, line.length() - 1);
                }
                boolean anchored = line.contains("/");
                if (line.startsWith("/")) {
                    line = line.substring(1);
                }
                if (!line.isEmpty()) {
                    rules.add(new Rule(Pattern.compile(toRegex(line)), negate, dirOnly, anchored));
                }
            }
        }
        return new GitIgnore(dir, rules);
    }

    /** Whether this file ignores the path; null when no rule speaks about it. */
    Boolean ignored(Path path, boolean isDir) {
        String rel = base.relativize(path).toString().replace('\\', '/');
        String name = path.getFileName().toString();
        Boolean result = null;
        for (Rule r : rules) {
            if (r.dirOnly() && !isDir) {
                continue;
            }
            boolean match = r.anchored() ? r.pattern().matcher(rel).matches() : r.pattern().matcher(name).matches();
            if (match) {
                result = !r.negate();
            }
        }
        return result;
    }

    private static String toRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                    sb.append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                } else {
                    sb.append("[^/]*");
                }
            } else if (c == '?') {
                sb.append("[^/]");
            } else if ("\\.[]{}()+-^$|".indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}

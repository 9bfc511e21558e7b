package io.ossaat.loadtest;

import java.util.List;

/**
 * Which HTTP statuses a metric source counts: {@code status: [5xx, 429]} (only these) or
 * {@code excludeStatus: [5xx]} (all but these), as in the engine's SLO file. A pattern is a code ({@code 429}) or a
 * class ({@code 5xx}).
 *
 * @param include the patterns counted; empty means every status
 * @param exclude the patterns not counted
 */
record StatusFilter(List<String> include, List<String> exclude) {
    static final StatusFilter ANY = new StatusFilter(List.of(), List.of());

    StatusFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        for (String p : include) {
            check(p);
        }
        for (String p : exclude) {
            check(p);
        }
    }

    boolean matches(int status) {
        if (!include.isEmpty() && include.stream().noneMatch(p -> matches(p, status))) {
            return false;
        }
        return exclude.stream().noneMatch(p -> matches(p, status));
    }

    private static boolean matches(String pattern, int status) {
        String p = pattern.toLowerCase(java.util.Locale.ROOT);
        if (p.endsWith("xx")) {
            return status / 100 == p.charAt(0) - '0';
        }
        return Integer.parseInt(p) == status;
    }

    private static void check(String pattern) {
        if (!pattern.toLowerCase(java.util.Locale.ROOT).matches("[1-5]xx|[1-5][0-9][0-9]")) {
            throw new SloFileException("a status pattern is a code like 429 or a class like 5xx, got '" + pattern + "'");
        }
    }
}

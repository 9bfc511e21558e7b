package io.ossaat.engine.slo;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An immutable set of HTTP status codes written as codes and classes ({@code 503}, {@code 5xx}), optionally the
 * complement of such a list. {@link #contains(int)} is a single array read, cheap enough for the request path.
 */
public final class StatusSet {
    private static final Pattern ENTRY = Pattern.compile("[1-5](\\d\\d|xx)");
    private static final int LIMIT = 600;

    private final List<String> entries;
    private final boolean complement;
    private final boolean[] member = new boolean[LIMIT];

    private StatusSet(List<String> entries, boolean complement) {
        this.entries = List.copyOf(entries);
        this.complement = complement;
        for (String entry : this.entries) {
            if (entry.endsWith("xx")) {
                int base = (entry.charAt(0) - '0') * 100;
                for (int code = base; code < base + 100; code++) {
                    member[code] = true;
                }
            } else {
                member[Integer.parseInt(entry)] = true;
            }
        }
        if (complement) {
            for (int code = 0; code < LIMIT; code++) {
                member[code] = !member[code];
            }
        }
    }

    /**
     * The statuses listed.
     *
     * @throws IllegalArgumentException naming the first entry that is neither a code 100-599 nor a class 1xx-5xx
     */
    public static StatusSet of(List<String> entries) {
        return new StatusSet(normalise(entries), false);
    }

    /** Every status except the ones listed. */
    public static StatusSet allBut(List<String> entries) {
        return new StatusSet(normalise(entries), true);
    }

    /** True when the status is in the set; statuses outside 0..599 are never in it. */
    public boolean contains(int status) {
        return status >= 0 && status < LIMIT && member[status];
    }

    /** The entries as written in the SLO file, lower case. */
    public List<String> entries() {
        return entries;
    }

    /** True when the set is every status except {@link #entries()}. */
    public boolean complement() {
        return complement;
    }

    /** A PromQL regular expression matching the statuses in the set (complement sets match the complement). */
    String promRegex() {
        StringBuilder sb = new StringBuilder();
        for (String entry : entries) {
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            sb.append(entry.endsWith("xx") ? entry.charAt(0) + ".." : entry);
        }
        return sb.toString();
    }

    private static List<String> normalise(List<String> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the status list is empty");
        }
        return entries.stream().map(e -> {
            String s = e.trim().toLowerCase(Locale.ROOT);
            if (!ENTRY.matcher(s).matches()) {
                throw new IllegalArgumentException("'" + e + "' is not an HTTP status code or class (e.g. 503, 5xx)");
            }
            return s;
        }).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusSet other && java.util.Arrays.equals(member, other.member);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(member);
    }

    @Override
    public String toString() {
        return (complement ? "not " : "") + entries;
    }
}

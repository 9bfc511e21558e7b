package io.ossaat.loadtest;

/**
 * Good and total events of one objective, as counted by the engine since it started (or over its SLO window).
 *
 * @param good  events that met the objective
 * @param total events counted
 * @param note  how they were counted when that matters (e.g. the histogram bucket a threshold fell back to)
 */
public record Counts(long good, long total, String note) {
    public Counts {
        if (good < 0 || total < 0 || good > total) {
            throw new IllegalArgumentException("counts must satisfy 0 <= good <= total, got " + good + "/" + total);
        }
        note = note == null ? "" : note;
    }

    public Counts(long good, long total) {
        this(good, total, "");
    }

    public long bad() {
        return total - good;
    }
}

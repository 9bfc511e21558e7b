package io.ossaat.console.model;

import java.time.Duration;

/** The ranges the SLO detail page offers; {@link #query()} is the engine's {@code range=} value. */
public enum SloRange {
    HOUR("1h", Duration.ofHours(1)),
    SIX_HOURS("6h", Duration.ofHours(6)),
    DAY("1d", Duration.ofDays(1)),
    WEEK("7d", Duration.ofDays(7)),
    MONTH("30d", Duration.ofDays(30));

    private final String query;
    private final Duration length;

    SloRange(String query, Duration length) {
        this.query = query;
        this.length = length;
    }

    public String query() {
        return query;
    }

    public Duration length() {
        return length;
    }
}

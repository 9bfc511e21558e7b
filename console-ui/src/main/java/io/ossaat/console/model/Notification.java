package io.ossaat.console.model;

import java.time.Instant;

/**
 * Something the user should look at: a step waiting for them, an SLO paging.
 *
 * @param target the plan id (with {@code stepId}) or the SLO name it opens
 */
public record Notification(Kind kind, String title, String text, String target, String stepId, Instant at) {
    public enum Kind { STEP_WAITING, SLO_PAGING }
}

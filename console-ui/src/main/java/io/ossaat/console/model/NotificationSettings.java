package io.ossaat.console.model;

import java.time.LocalTime;

/**
 * What the console tells its user about, and when it keeps quiet.
 *
 * @param stepWaiting a step starts waiting for a human
 * @param sloPaging   an SLO starts paging
 * @param quietFrom   start of the quiet hours (local time), or null for none
 * @param quietTo     end of the quiet hours (exclusive); may be before {@code quietFrom} (over midnight)
 */
public record NotificationSettings(boolean stepWaiting, boolean sloPaging, LocalTime quietFrom, LocalTime quietTo) {
    public static final NotificationSettings DEFAULTS = new NotificationSettings(true, true, null, null);

    public NotificationSettings {
        if ((quietFrom == null) != (quietTo == null)) {
            throw new IllegalArgumentException("quiet hours need both a start and an end");
        }
    }

    public boolean enabled(Notification.Kind kind) {
        return switch (kind) {
            case STEP_WAITING -> stepWaiting;
            case SLO_PAGING -> sloPaging;
        };
    }

    /** True inside the quiet hours: the banner still shows, the desktop stays silent. */
    public boolean quietAt(LocalTime t) {
        if (quietFrom == null || quietFrom.equals(quietTo)) {
            return false;
        }
        return quietFrom.isBefore(quietTo)
                ? !t.isBefore(quietFrom) && t.isBefore(quietTo)
                : !t.isBefore(quietFrom) || t.isBefore(quietTo);
    }
}

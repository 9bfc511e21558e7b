package io.ossaat.engine.slo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * The time window an SLO is judged over: rolling (the last {@code length}, counted in whole hours ending with the
 * current hour) or calendar (the current UTC month, or the current ISO week starting Monday 00:00 UTC).
 *
 * @param length       the rolling length; {@code null} for a calendar window
 * @param calendarUnit {@link ChronoUnit#MONTHS} or {@link ChronoUnit#WEEKS}; {@code null} for a rolling window
 */
public record SloWindow(Duration length, ChronoUnit calendarUnit) {
    /** The longest rolling window the in-memory history keeps. */
    public static final Duration MAX_ROLLING = Duration.ofDays(35);

    public SloWindow {
        if ((length == null) == (calendarUnit == null)) {
            throw new IllegalArgumentException("a window is either rolling or calendar");
        }
        if (length != null) {
            if (length.compareTo(Duration.ofHours(1)) < 0 || length.compareTo(MAX_ROLLING) > 0
                    || length.toMillis() % Duration.ofHours(1).toMillis() != 0) {
                throw new IllegalArgumentException(
                        "a rolling window must be whole hours between 1h and 35d, got " + length);
            }
        } else if (calendarUnit != ChronoUnit.MONTHS && calendarUnit != ChronoUnit.WEEKS) {
            throw new IllegalArgumentException("a calendar window is a month or a week, got " + calendarUnit);
        }
    }

    /** The last {@code length}. */
    public static SloWindow rolling(Duration length) {
        return new SloWindow(Objects.requireNonNull(length), null);
    }

    /** The current calendar month or week in UTC. */
    public static SloWindow calendar(ChronoUnit unit) {
        return new SloWindow(null, Objects.requireNonNull(unit));
    }

    /** True for a rolling window. */
    public boolean isRolling() {
        return length != null;
    }

    /** Start of the calendar period containing {@code now} (calendar windows only). */
    Instant periodStart(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = calendarUnit == ChronoUnit.MONTHS
                ? day.withDayOfMonth(1)
                : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The length of the whole window (for a calendar window: of the period containing {@code now}). */
    Duration periodLength(Instant now) {
        if (isRolling()) {
            return length;
        }
        Instant start = periodStart(now);
        Instant end = start.atZone(ZoneOffset.UTC).plus(1, calendarUnit).toInstant();
        return Duration.between(start, end);
    }

    /** A short label: {@code 30d rolling}, {@code calendar month}, {@code calendar week}. */
    public String label() {
        if (isRolling()) {
            long hours = length.toHours();
            return (hours % 24 == 0 ? hours / 24 + "d" : hours + "h") + " rolling";
        }
        return calendarUnit == ChronoUnit.MONTHS ? "calendar month" : "calendar week";
    }
}

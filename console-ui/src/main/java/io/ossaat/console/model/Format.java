package io.ossaat.console.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and time formatting shared by the view-models (views show strings the models made). */
public final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private Format() {
    }

    /** 0.999 → "99.9%", 0.99953 → "99.953%", 1 → "100%". */
    public static String percent(double ratio) {
        double p = ratio * 100;
        String s = String.format(Locale.ROOT, "%.3f", p);
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }

    public static String percentWhole(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    /** 3h 12m, 45s, 2d 4h. */
    public static String duration(Duration d) {
        if (d == null) {
            return "–";
        }
        long s = Math.max(0, d.toSeconds());
        if (s < 1 && d.toMillis() > 0) {
            return d.toMillis() + " ms";
        }
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        if (s < 86_400) {
            return (s / 3600) + "h " + (s % 3600 / 60) + "m";
        }
        return (s / 86_400) + "d " + (s % 86_400 / 3600) + "h";
    }

    private static final DateTimeFormatter SHORT_DATE_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    public static String shortDateTime(Instant t) {
        return t == null ? "–" : SHORT_DATE_TIME.format(t);
    }

    public static String time(Instant t) {
        return t == null ? "–" : TIME.format(t);
    }

    public static String dateTime(Instant t) {
        return t == null ? "–" : DATE_TIME.format(t);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String decimal(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The first 8 characters of an opaque id, enough to tell plans apart at a glance. */
    public static String shortId(String id) {
        // engine ids are a prefix and a ULID ("pl_01m8c7pe9r2rmdja2zwv6qbtqp"): the time comes first, so plans made
        // close together share their first characters; the random tail tells them apart
        return id == null ? "" : id.length() <= 10 ? id : "…" + id.substring(id.length() - 7);
    }

    /** At most {@code max} characters, ending in "…" when cut. */
    public static String abbreviate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}

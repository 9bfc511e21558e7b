package io.ossaat.console.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ossaat.console.host.EngineHost;
import io.ossaat.console.model.NotificationSettings;

/**
 * What the settings dialog edits and {@link SettingsStore} keeps (the attach token aside: it has a file of its own).
 * Each setting has one key, used in the file and as the dialog field's id; its text form is parsed here only.
 *
 * @param engine        the engine the console shows: one it starts itself, or a remote one at {@code attachUrl}
 * @param attachUrl     the remote engine's root URL (http or https); null when never set
 * @param theme         light, dark or the platform's preference
 * @param port          the embedded engine's HTTP port (0: a free one); null for the engine's own setting
 * @param dataDir       the embedded engine's data dir; null for the engine's own setting ({@code ~/.ossaat})
 * @param notifications the per-kind switches and quiet hours
 */
public record ConsoleSettings(EngineHost.Mode engine, URI attachUrl, Theme theme, Integer port, Path dataDir,
                              NotificationSettings notifications) {

    public static final String ENGINE = "engine";
    public static final String ATTACH_URL = "attach-url";
    public static final String THEME = "theme";
    public static final String PORT = "embedded-port";
    public static final String DATA_DIR = "embedded-data-dir";
    public static final String NOTIFY_STEP_WAITING = "notify-step-waiting";
    public static final String NOTIFY_SLO_PAGING = "notify-slo-paging";
    public static final String QUIET_FROM = "quiet-from";
    public static final String QUIET_TO = "quiet-to";

    /** What a console that was never set up uses: its own engine, the dark theme it always had. */
    public static final ConsoleSettings DEFAULTS = new ConsoleSettings(EngineHost.Mode.EMBEDDED, null, Theme.DARK,
            null, null, NotificationSettings.DEFAULTS);

    public ConsoleSettings {
        if (engine == null || theme == null || notifications == null) {
            throw new IllegalArgumentException("engine, theme and notifications are required");
        }
        if (engine == EngineHost.Mode.ATTACHED && attachUrl == null) {
            throw new InvalidSetting(ATTACH_URL, "is needed to attach to a remote engine");
        }
        if (attachUrl != null) {
            attachUrl = attachUrl(attachUrl.toString());
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new InvalidSetting(PORT, "must be between 0 and 65535, was " + port);
        }
        if (dataDir != null && !dataDir.isAbsolute()) {
            throw new InvalidSetting(DATA_DIR, "must be an absolute path (or start with ~/), was " + dataDir);
        }
    }

    /** An http(s) URL with a host, such as {@code http://127.0.0.1:7070}; no user info, query or fragment. */
    public static URI attachUrl(String text) {
        String t = text == null ? "" : text.strip();
        String example = " (an http:// or https:// URL such as http://127.0.0.1:7070)";
        if (t.isEmpty()) {
            throw new InvalidSetting(ATTACH_URL, "is empty" + example);
        }
        URI u;
        try {
            u = new URI(t);
        } catch (URISyntaxException e) {
            throw new InvalidSetting(ATTACH_URL, "is not a URL" + example + ": " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidSetting(ATTACH_URL, "must start with http:// or https://, was '" + t + "'");
        }
        if (u.getHost() == null) {
            throw new InvalidSetting(ATTACH_URL, "has no host" + example + ", was '" + t + "'");
        }
        if (u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) {
            // the token has a field of its own; a URL with credentials in it would show them everywhere it is shown
            throw new InvalidSetting(ATTACH_URL, "must be the engine's root URL without user, query or fragment");
        }
        return u;
    }

    /** Empty: the engine's own setting; else 0..65535 (0: a free port). */
    public static Integer port(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            int p = Integer.parseInt(t);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidSetting(PORT, "must be a number between 0 and 65535 (0: a free port), was '" + t + "'");
    }

    /** Empty: the engine's own setting; else an absolute path, {@code ~/} standing for the home folder. */
    public static Path dataDir(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (t.equals("~") || t.startsWith("~/")) {
            t = System.getProperty("user.home") + t.substring(1);
        }
        try {
            Path p = Path.of(t);
            if (p.isAbsolute()) {
                return p.normalize();
            }
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidSetting(DATA_DIR, "is not a path: " + e.getReason());
        }
        throw new InvalidSetting(DATA_DIR, "must be an absolute path (or start with ~/), was '" + text.strip() + "'");
    }

    /** Empty: none; else a time of day written {@code HH:mm}. */
    public static LocalTime time(String field, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return LocalTime.parse(t.length() == 4 && t.charAt(1) == ':' ? "0" + t : t);
        } catch (DateTimeParseException e) {
            throw new InvalidSetting(field, "must be a time of day such as 22:00, was '" + t + "'");
        }
    }

    /** The quiet hours from their two fields: both or neither. */
    public static NotificationSettings notifications(boolean stepWaiting, boolean sloPaging, String from, String to) {
        LocalTime f = time(QUIET_FROM, from);
        LocalTime t = time(QUIET_TO, to);
        if (f == null && t != null) {
            throw new InvalidSetting(QUIET_FROM, "is needed when the quiet hours have an end");
        }
        if (f != null && t == null) {
            throw new InvalidSetting(QUIET_TO, "is needed when the quiet hours have a start");
        }
        return new NotificationSettings(stepWaiting, sloPaging, f, t);
    }

    public static boolean bool(String field, String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSetting(field, "must be true or false, was '" + text.strip() + "'");
        };
    }

    public static EngineHost.Mode engine(String text) {
        for (EngineHost.Mode m : EngineHost.Mode.values()) {
            if (m.label().equals(text.strip().toLowerCase(java.util.Locale.ROOT))) {
                return m;
            }
        }
        throw new InvalidSetting(ENGINE, "must be embedded or attached, was '" + text.strip() + "'");
    }

    /** The settings as the file's key/value pairs; an unset value is written empty. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ENGINE, engine.label());
        m.put(ATTACH_URL, attachUrl == null ? "" : attachUrl.toString());
        m.put(THEME, theme.key());
        m.put(PORT, port == null ? "" : port.toString());
        m.put(DATA_DIR, dataDir == null ? "" : dataDir.toString());
        m.put(NOTIFY_STEP_WAITING, Boolean.toString(notifications.stepWaiting()));
        m.put(NOTIFY_SLO_PAGING, Boolean.toString(notifications.sloPaging()));
        m.put(QUIET_FROM, notifications.quietFrom() == null ? "" : notifications.quietFrom().toString());
        m.put(QUIET_TO, notifications.quietTo() == null ? "" : notifications.quietTo().toString());
        return m;
    }

    /**
     * Settings from the file's pairs: a missing key keeps its default. The first bad value throws
     * {@link InvalidSetting}, naming it.
     */
    public static ConsoleSettings fromMap(Map<String, String> m) {
        ConsoleSettings d = DEFAULTS;
        NotificationSettings n = d.notifications;
        String url = m.getOrDefault(ATTACH_URL, "");
        return new ConsoleSettings(
                m.containsKey(ENGINE) ? engine(m.get(ENGINE)) : d.engine,
                url.isBlank() ? null : attachUrl(url),
                m.containsKey(THEME) ? Theme.ofKey(m.get(THEME)) : d.theme,
                port(m.get(PORT)),
                dataDir(m.get(DATA_DIR)),
                notifications(
                        m.containsKey(NOTIFY_STEP_WAITING) ? bool(NOTIFY_STEP_WAITING, m.get(NOTIFY_STEP_WAITING)) : n.stepWaiting(),
                        m.containsKey(NOTIFY_SLO_PAGING) ? bool(NOTIFY_SLO_PAGING, m.get(NOTIFY_SLO_PAGING)) : n.sloPaging(),
                        m.get(QUIET_FROM), m.get(QUIET_TO)));
    }

    public ConsoleSettings withTheme(Theme t) {
        return new ConsoleSettings(engine, attachUrl, t, port, dataDir, notifications);
    }
}

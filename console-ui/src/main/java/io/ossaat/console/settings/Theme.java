package io.ossaat.console.settings;

import java.util.Locale;

/** The console's colours: AtlantaFX Primer Light or Dark, or whichever the platform prefers. */
public enum Theme {
    LIGHT("Light"), DARK("Dark"), SYSTEM("System (follow the platform)");

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The word the settings file uses: {@code light}, {@code dark}, {@code system}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Theme ofKey(String key) {
        for (Theme t : values()) {
            if (t.key().equals(key.strip().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new InvalidSetting(ConsoleSettings.THEME, "must be light, dark or system, was '" + key + "'");
    }

    /** LIGHT or DARK: SYSTEM resolved with the platform's preference ({@code platformDark}, null when unknown: light). */
    public Theme resolve(Boolean platformDark) {
        return this != SYSTEM ? this : Boolean.TRUE.equals(platformDark) ? DARK : LIGHT;
    }

    @Override
    public String toString() {
        return label;
    }
}

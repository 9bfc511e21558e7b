package io.ossaat.console;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.ossaat.console.layout.MainWindow;
import io.ossaat.console.settings.Theme;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * AtlantaFX Primer (Light or Dark) plus the console's own stylesheet, which only uses Primer's {@code -color-*}
 * variables and so suits both; and the window's sizes.
 */
public final class ConsoleTheme {

    /** A window size in pixels, written {@code 1024x700}. */
    public record Size(int width, int height) {

        public static Size parse(String text) {
            String[] parts = text.strip().toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                if (parts.length == 2) {
                    return new Size(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException("a size is WIDTHxHEIGHT in pixels, e.g. 1024x700; got " + text);
        }

        boolean fits(Size other) {
            return width >= other.width && height >= other.height;
        }

        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    /** The window's size at start. */
    public static final Size DEFAULT = new Size(1280, 800);
    /** The smallest window: every page still shows all it has, by scrolling or reflowing. */
    public static final Size MINIMUM = new Size(1024, 700);

    private static Theme chosen = Theme.DARK;
    private static boolean followingPlatform;

    private ConsoleTheme() {
    }

    public static Scene scene(javafx.scene.Parent root) {
        return scene(root, DEFAULT);
    }

    public static Scene scene(javafx.scene.Parent root, Size size) {
        apply(chosen);
        Scene scene = new Scene(root, size.width(), size.height());
        scene.getStylesheets().add(MainWindow.STYLESHEET);
        return scene;
    }

    /**
     * Restyles every window at once (FX thread): Primer's light or dark user-agent stylesheet; SYSTEM follows the
     * platform's colour scheme, also when it changes later.
     */
    public static void apply(Theme theme) {
        chosen = theme;
        if (theme == Theme.SYSTEM && !followingPlatform) {
            followingPlatform = true;
            Platform.getPreferences().colorSchemeProperty().addListener((o, was, now) -> {
                if (chosen == Theme.SYSTEM) {
                    apply(Theme.SYSTEM);
                }
            });
        }
        Application.setUserAgentStylesheet(switch (resolved()) {
            case DARK -> new PrimerDark().getUserAgentStylesheet();
            default -> new PrimerLight().getUserAgentStylesheet();
        });
    }

    /** The theme in use: LIGHT or DARK. */
    public static Theme resolved() {
        ColorScheme platform = chosen == Theme.SYSTEM ? Platform.getPreferences().getColorScheme() : null;
        return chosen.resolve(platform == null ? null : platform == ColorScheme.DARK);
    }
}

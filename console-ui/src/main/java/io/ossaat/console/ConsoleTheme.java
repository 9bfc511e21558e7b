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
 * variables and so suits both.
 */
public final class ConsoleTheme {

    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private static Theme chosen = Theme.DARK;
    private static boolean followingPlatform;

    private ConsoleTheme() {
    }

    public static Scene scene(javafx.scene.Parent root) {
        apply(chosen);
        Scene scene = new Scene(root, WIDTH, HEIGHT);
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

package io.ossaat.console;

import atlantafx.base.theme.PrimerDark;
import io.ossaat.console.layout.MainWindow;
import javafx.application.Application;
import javafx.scene.Scene;

/** AtlantaFX Primer Dark plus the console's own stylesheet. */
public final class ConsoleTheme {

    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private ConsoleTheme() {
    }

    public static Scene scene(javafx.scene.Parent root) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(MainWindow.STYLESHEET);
        return scene;
    }
}

package io.ossaat.console.host;

import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.ossaat.console.model.Notification;
import javafx.application.Platform;

/**
 * Desktop notifications through the system tray, where the platform has one (Windows, macOS, most Linux desktops
 * with a tray); clicking the message opens what it is about. Elsewhere {@link #install} returns null and the
 * in-app banner is all there is.
 */
public final class TrayNotifier implements Consumer<Notification>, AutoCloseable {
    private final TrayIcon icon;
    private final AtomicReference<Notification> last = new AtomicReference<>();

    private TrayNotifier(TrayIcon icon) {
        this.icon = icon;
    }

    /** A tray icon, or null when this platform (or a headless run) has no system tray. */
    public static TrayNotifier install(Consumer<Notification> open) {
        try {
            if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
                return null;
            }
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
            java.awt.Graphics2D g = image.createGraphics();
            g.setColor(new java.awt.Color(0x58a6ff));
            g.fillOval(1, 1, 14, 14);
            g.dispose();
            TrayIcon icon = new TrayIcon(image, "ossaat console");
            icon.setImageAutoSize(true);
            TrayNotifier notifier = new TrayNotifier(icon);
            icon.addActionListener(e -> {
                Notification n = notifier.last.get();
                if (n != null) {
                    Platform.runLater(() -> open.accept(n));
                }
            });
            SystemTray.getSystemTray().add(icon);
            return notifier;
        } catch (AWTException | UnsupportedOperationException | SecurityException e) { // HeadlessException is one
            return null;
        }
    }

    @Override
    public void accept(Notification n) {
        last.set(n);
        icon.displayMessage(n.title(), n.text(), TrayIcon.MessageType.INFO);
    }

    @Override
    public void close() {
        try {
            SystemTray.getSystemTray().remove(icon);
        } catch (UnsupportedOperationException e) {
            // nothing to remove
        }
    }
}

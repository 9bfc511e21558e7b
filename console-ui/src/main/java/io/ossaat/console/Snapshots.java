package io.ossaat.console;

import io.ossaat.console.layout.MainWindow;
import io.ossaat.console.model.ConsoleModel;
import io.ossaat.console.model.Page;
import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Pictures of the console: a scene as PNG, and a tour that writes one PNG per page. */
public final class Snapshots {

    private Snapshots() {
    }

    /** Renders the scene (FX thread) and writes it as PNG; no AWT window or SwingFXUtils involved. */
    public static Path write(Scene scene, Path file) {
        return png(scene.snapshot(null), file);
    }

    /** Writes an image as PNG, making the folder if needed. */
    public static Path png(WritableImage image, Path file) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        PixelReader reader = image.getPixelReader();
        reader.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * Once the engine is ready, runs {@code prepare} on a virtual thread (e.g. {@link DemoPlans}), waits
     * {@code settle} for live data, then shows each page in turn and writes {@code NN-page.png} into {@code dir};
     * calls {@code done} with the files (FX thread). If the start-up fails, writes {@code 00-startup.png} showing
     * the failure instead.
     */
    public static void tour(ConsoleModel model, MainWindow window, Scene scene, Path dir, Duration settle,
                            Prepare prepare, Consumer<List<Path>> done) {
        List<Path> files = new ArrayList<>();
        model.startup().stateProperty().subscribe(state -> {
            switch (state) {
                case READY -> Thread.ofVirtual().name("snapshot-prepare").start(() -> {
                    try {
                        prepare.run(model.startup().clientProperty().get());
                    } catch (Exception e) {
                        model.log().add("snapshot: preparing the engine failed: " + e.getMessage());
                    }
                    javafx.application.Platform.runLater(() -> later(settle, () -> {
                    var plans = model.sessionProperty().get().plans();
                    plans.visiblePlans().stream()
                            .filter(p -> p.firstWaitingStep().isPresent()).findFirst()
                            .or(() -> plans.visiblePlans().stream().findFirst())
                            .ifPresent(p -> plans.select(p.id()));
                    pages(model, window, scene, dir, files, done);
                    }));
                });
                case FAILED -> {
                    files.add(write(scene, dir.resolve("00-startup.png")));
                    done.accept(files);
                }
                default -> { }
            }
        });
    }

    /** Work to do against the ready engine before the pictures (blocking, off the FX thread). */
    @FunctionalInterface
    public interface Prepare {
        Prepare NOTHING = client -> { };

        void run(io.ossaat.console.client.EngineClient client) throws Exception;
    }

    /**
     * Shows each page in turn and writes {@code NN-page.png} into {@code dir} at the scene's current size, then the
     * Settings dialog when there is one; then calls {@code done} with {@code files} and the new files (FX thread).
     * The tour's second half; call it again after resizing the window to picture the same state at another size.
     */
    public static void pages(ConsoleModel model, MainWindow window, Scene scene, Path dir, List<Path> files,
                             Consumer<List<Path>> done) {
        step(model, window, scene, dir, List.of(Page.values()), 0, files, done);
    }

    private static void step(ConsoleModel model, MainWindow window, Scene scene, Path dir, List<Page> pages, int i,
                             List<Path> files, Consumer<List<Path>> done) {
        if (i == pages.size()) {
            settings(window, dir, files, done);
            return;
        }
        Page p = pages.get(i);
        model.navigate(p);
        later(Duration.millis(600), () -> {
            files.add(write(scene, dir.resolve(String.format(Locale.ROOT, "%02d-%s.png", i + 1,
                    p.name().toLowerCase(Locale.ROOT)))));
            step(model, window, scene, dir, pages, i + 1, files, done);
        });
    }

    /** The Settings dialog over the last page, when this console has settings: {@code NN-settings.png}. */
    private static void settings(MainWindow window, Path dir, List<Path> files, Consumer<List<Path>> done) {
        var dialog = window.openSettings();
        if (dialog == null) {
            done.accept(files);
            return;
        }
        later(Duration.millis(600), () -> {
            files.add(write(dialog.getDialogPane().getScene(), dir.resolve(String.format(Locale.ROOT, "%02d-settings.png",
                    files.size() + 1))));
            dialog.close();
            done.accept(files);
        });
    }

    private static void later(Duration d, Runnable r) {
        PauseTransition t = new PauseTransition(d);
        t.setOnFinished(e -> r.run());
        t.play();
    }
}

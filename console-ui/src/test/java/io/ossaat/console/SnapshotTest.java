package io.ossaat.console;

import io.ossaat.console.host.AttachedEngineHost;
import io.ossaat.console.host.EmbeddedEngineHost;
import io.ossaat.console.host.EngineFlags;
import io.ossaat.console.layout.MainWindow;
import io.ossaat.console.model.ConsoleModel;
import io.ossaat.console.model.LogTail;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes a PNG of every page to target/snapshots (the same tour as {@code --snapshot DIR}); look at them. */
@ExtendWith(ApplicationExtension.class)
class SnapshotTest {

    private static final Path DIR = Path.of(System.getProperty("ossaat.snapshots.dir", "target/snapshots"));

    private FakeEngineServer engine;
    private ConsoleModel model;
    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) {
        engine = new FakeEngineServer();
        engine.seedDemoPlans();
        model = new ConsoleModel(new AttachedEngineHost(engine.url(), FakeEngineServer.TOKEN), new LogTail(200));
        window = new MainWindow(model);
        scene = ConsoleTheme.scene(window);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        Fx.run(model::close);
        engine.close();
    }

    @Test
    void writesAPictureOfEveryPage() throws Exception {
        CompletableFuture<List<Path>> done = new CompletableFuture<>();
        Fx.run(() -> {
            Snapshots.tour(model, window, scene, DIR, Duration.seconds(3), done::complete);
            model.start();
        });
        // live activity while the tour waits for data, so the event log has something to show
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                "live".equals(Fx.get(() -> model.sessionProperty().get() == null ? null
                        : model.sessionProperty().get().events().streamStatusProperty().get())));
        String fix = engine.createPlan("Rename the flaky retry helper and update its callers", "coder", "/home/dev/projects/hooks");
        engine.createPlan("Bump the base image and rebuild the installer", "maintainer", "/home/dev/projects/ossaat");
        engine.approve(fix, "apply-patch", "small, well-tested change");
        List<Path> files = done.get(60, TimeUnit.SECONDS);

        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("01-overview.png", "02-plans.png", "03-events.png", "04-engine.png");
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertThat(img.getWidth()).isEqualTo(1280);
            assertThat(img.getHeight()).isEqualTo(800);
            assertThat(distinctColours(img)).as(f + " is not blank").isGreaterThan(50);
        }
    }

    @Test
    void writesAPictureOfAFailedStartUp() throws Exception {
        // embedded mode in a build without an engine launcher: the start-up screen shows why and offers a retry
        ConsoleModel failing = new ConsoleModel(EmbeddedEngineHost.discover(EngineFlags.none()), new LogTail(10));
        CompletableFuture<List<Path>> done = new CompletableFuture<>();
        Fx.run(() -> {
            MainWindow w = new MainWindow(failing);
            Stage stage = (Stage) scene.getWindow();
            Scene s = ConsoleTheme.scene(w);
            stage.setScene(s);
            Snapshots.tour(failing, w, s, DIR.resolve("startup"), Duration.seconds(1), done::complete);
            failing.start();
        });
        List<Path> files = done.get(30, TimeUnit.SECONDS);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("00-startup.png");
        assertThat(distinctColours(ImageIO.read(files.getFirst().toFile()))).isGreaterThan(20);
        Fx.run(failing::close);
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                colours.add(img.getRGB(x, y));
            }
        }
        return colours.size();
    }
}

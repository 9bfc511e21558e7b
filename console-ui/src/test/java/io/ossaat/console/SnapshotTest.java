package io.ossaat.console;

import io.ossaat.console.client.Plan;
import io.ossaat.engine.plans.PlanState;
import io.ossaat.console.host.EmbeddedEngineHost;
import io.ossaat.console.host.EngineFlags;
import io.ossaat.console.layout.MainWindow;
import io.ossaat.console.model.ConsoleModel;
import io.ossaat.console.model.LogTail;
import io.ossaat.console.settings.Settings;
import io.ossaat.console.settings.SettingsStore;
import io.ossaat.engine.testing.TestEngines;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes a PNG of every page to target/snapshots (the same tour as {@code --snapshot DIR}) of an engine embedded
 * as {@code ./ossaat console} embeds it, after {@link DemoPlans} ran; look at them.
 */
@ExtendWith(ApplicationExtension.class)
class SnapshotTest {

    private static final Path DIR = Path.of(System.getProperty("ossaat.snapshots.dir", "target/snapshots"));

    private ConsoleModel model;
    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) {
        EngineFlags flags = new EngineFlags(List.of("--data-dir", TestEngines.newDataDir().toString(), "--port", "0"));
        LogTail log = new LogTail(200);
        Settings settings = new Settings(new SettingsStore(TestEngines.newDataDir()), flags, null, log);
        model = new ConsoleModel(settings.host(), settings, log);
        window = new MainWindow(model);
        scene = ConsoleTheme.scene(window);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        Fx.run(model::close);
    }

    @Test
    void writesAPictureOfEveryPage() throws Exception {
        CompletableFuture<List<Path>> done = new CompletableFuture<>();
        List<Plan> demo = new CopyOnWriteArrayList<>();
        Path workspaces = TestEngines.newDataDir();
        Fx.run(() -> {
            Snapshots.tour(model, window, scene, DIR, Duration.seconds(2),
                    client -> demo.addAll(new DemoPlans(client, workspaces).run()), done::complete);
            model.start();
        });
        List<Path> files = done.get(120, TimeUnit.SECONDS);
        // the same state in the smallest window the console allows
        CompletableFuture<List<Path>> small = new CompletableFuture<>();
        Fx.run(() -> {
            Stage stage = (Stage) scene.getWindow();
            stage.setWidth(ConsoleTheme.MINIMUM.width());
            stage.setHeight(ConsoleTheme.MINIMUM.height());
            Snapshots.pages(model, window, scene, DIR.resolve(ConsoleTheme.MINIMUM.toString()), new ArrayList<>(),
                    small::complete);
        });
        List<Path> smallFiles = small.get(60, TimeUnit.SECONDS);

        assertThat(demo).extracting(Plan::state).containsExactly(PlanState.COMPLETED, PlanState.REJECTED,
                PlanState.WAITING_APPROVAL, PlanState.WAITING_APPROVAL);
        assertThat(Fx.get(() -> model.sessionProperty().get().plans().visiblePlans().size())).isEqualTo(4);
        // the selected plan's timeline has caught up with it: a row for every step that has left pending
        var session = Fx.get(() -> model.sessionProperty().get());
        Plan selected = Fx.get(() -> session.plans().selectedPlanProperty().get());
        List<String> started = selected.steps().stream()
                .filter(s -> s.state() != io.ossaat.engine.plans.StepState.PENDING).map(s -> s.id()).toList();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Fx.get(() -> session.timeline().timelineProperty().get().rows()))
                        .extracting(r -> r.stepId()).containsAll(started));
        // and the Plans page draws a row of bars for each (the plan detail fits its height and squeezed them to one)
        Fx.run(() -> model.navigate(io.ossaat.console.model.Page.PLANS));
        int rows = Fx.get(() -> session.timeline().timelineProperty().get().rows().size());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Fx.get(() -> ((javafx.scene.layout.Region) window.lookup("#plan-timeline-bars")).getHeight()))
                        .as("the timeline's height for " + rows + " rows").isGreaterThanOrEqualTo(20.0 + 22 * rows));
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("01-overview.png", "02-plans.png", "03-events.png", "04-engine.png", "05-slo.png",
                        "06-settings.png");
        for (Path f : files.subList(0, 5)) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertThat(img.getWidth()).isEqualTo(1280);
            assertThat(img.getHeight()).isEqualTo(800);
            assertThat(distinctColours(img)).as(f + " is not blank").isGreaterThan(50);
        }
        BufferedImage dialog = ImageIO.read(files.get(5).toFile());
        assertThat(dialog.getWidth()).as("the Settings dialog, not the window").isBetween(500, 1000);
        assertThat(distinctColours(dialog)).as("the Settings dialog is not blank").isGreaterThan(20);
        assertThat(smallFiles).extracting(p -> p.getFileName().toString())
                .containsExactlyElementsOf(files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : smallFiles.subList(0, 5)) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertThat(img.getWidth()).isEqualTo(ConsoleTheme.MINIMUM.width());
            assertThat(img.getHeight()).isEqualTo(ConsoleTheme.MINIMUM.height());
            assertThat(distinctColours(img)).as(f + " is not blank").isGreaterThan(50);
        }
    }

    @Test
    void writesAPictureOfAFailedStartUp() throws Exception {
        // an external Postgres and Redis that do not answer: the start-up screen shows why and offers a retry
        EngineFlags unreachable = new EngineFlags(List.of("--data-dir", TestEngines.newDataDir().toString(), "--port", "0",
                "--db-url", "jdbc:postgresql://127.0.0.1:1/ossaat", "--redis-url", "redis://127.0.0.1:1"));
        ConsoleModel failing = new ConsoleModel(EmbeddedEngineHost.discover(unreachable), new LogTail(10));
        CompletableFuture<List<Path>> done = new CompletableFuture<>();
        Fx.run(() -> {
            MainWindow w = new MainWindow(failing);
            Stage stage = (Stage) scene.getWindow();
            Scene s = ConsoleTheme.scene(w);
            stage.setScene(s);
            Snapshots.tour(failing, w, s, DIR.resolve("startup"), Duration.seconds(1), Snapshots.Prepare.NOTHING,
                    done::complete);
            failing.start();
        });
        List<Path> files = done.get(30, TimeUnit.SECONDS);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("00-startup.png");
        assertThat(Fx.get(() -> failing.startup().errorProperty().get())).contains("cannot be reached");
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

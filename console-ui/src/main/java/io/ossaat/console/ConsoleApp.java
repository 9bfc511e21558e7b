package io.ossaat.console;

import io.ossaat.console.host.AttachedEngineHost;
import io.ossaat.console.host.EngineHost;
import io.ossaat.console.layout.MainWindow;
import io.ossaat.console.model.ConsoleModel;
import io.ossaat.console.model.LogTail;
import io.ossaat.console.model.StartupModel;
import io.ossaat.console.settings.Settings;
import io.ossaat.console.settings.SettingsStore;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** The JavaFX application; started by {@link ConsoleMain}, which is not an {@code Application} itself. */
public final class ConsoleApp extends Application {

    static final AtomicInteger EXIT_CODE = new AtomicInteger();

    private ConsoleModel model;
    private Path throwAway;
    /** The --demo plans' temporary git repositories: removed at exit like the throw-away engine. */
    private Path demoRepos;

    @Override
    public void start(Stage stage) {
        ConsoleOptions options = ConsoleOptions.parse(getParameters().getRaw(), System.getenv());
        LogTail log = new LogTail(500);
        log.captureJul();
        if (options.throwAwayEngine()) {
            throwAway = tempDir("ossaat-snapshot-");
            // the pictures show the defaults, whatever the user saved
            options = options.withDataDir(throwAway.resolve("data")).withConsoleDir(throwAway.resolve("console"));
        }
        Settings settings = new Settings(new SettingsStore(options.consoleDir()), options.engineFlags(),
                options.attach(), log);
        EngineHost host = options.attach() != null
                ? new AttachedEngineHost(options.attach(), options.token())
                : settings.host();
        model = new ConsoleModel(host, settings, log);
        MainWindow window = new MainWindow(model);
        Scene scene = ConsoleTheme.scene(window, options.snapshotDir() != null ? options.snapshotSize() : ConsoleTheme.DEFAULT);
        reportFirstFrame(scene, log, options.snapshotDir() != null);
        stage.setTitle("ossaat console");
        stage.setScene(scene);
        stage.setMinWidth(ConsoleTheme.MINIMUM.width());
        stage.setMinHeight(ConsoleTheme.MINIMUM.height());
        stage.show();

        boolean demo = options.demo() || throwAway != null;
        boolean snapshot = options.snapshotDir() != null;
        Path demoRoot = demo ? (throwAway != null ? throwAway.resolve("workspaces") : tempDir("ossaat-demo-")) : null;
        demoRepos = throwAway == null ? demoRoot : null;
        if (demoRoot != null) {
            model.addFact("Demo repositories", demoRoot + " (removed at exit)");
        }
        model.start();
        Snapshots.Prepare prepare = demo ? client -> {
            log.add("demo: running sample plans on git repositories in " + demoRoot);
            DemoPlans plans = new DemoPlans(client, demoRoot);
            plans.run();
            if (snapshot) {
                plans.traffic(java.time.Duration.ofSeconds(12)); // live chart lines for the pictures
            }
            log.add("demo: done");
        } : Snapshots.Prepare.NOTHING;

        if (options.snapshotDir() != null) {
            Snapshots.tour(model, window, scene, options.snapshotDir(), Duration.seconds(3.5), prepare, files -> {
                files.forEach(f -> System.out.println("wrote " + f));
                EXIT_CODE.set(model.startup().stateProperty().get() == StartupModel.State.READY ? 0 : 1);
                if (EXIT_CODE.get() != 0) {
                    System.err.println("engine start failed: " + model.startup().errorProperty().get());
                }
                Platform.exit();
            });
        } else if (demo) {
            model.startup().stateProperty().subscribe(state -> {
                if (state == StartupModel.State.READY) {
                    Thread.ofVirtual().name("demo").start(() -> {
                        try {
                            prepare.run(model.startup().clientProperty().get());
                        } catch (Exception e) {
                            log.add("demo failed: " + e.getMessage());
                        }
                    });
                }
            });
        }
    }

    /** Logs (and in snapshot mode prints) when the first frame is laid out, measured from the JVM's start. */
    private static void reportFirstFrame(Scene scene, LogTail log, boolean print) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            long now = System.currentTimeMillis();
            long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            String line = "first frame " + (now - jvmStart) + " ms after the JVM started (at "
                    + java.time.Instant.ofEpochMilli(now) + ")";
            log.add(line);
            if (print) {
                System.out.println(line);
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temp folder", e);
        }
    }

    @Override
    public void stop() {
        if (model != null) {
            model.close();
        }
        if (throwAway != null) {
            deleteQuietly(throwAway);
        }
        if (demoRepos != null) {
            deleteQuietly(demoRepos);
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder; the OS cleans it up eventually
        }
    }
}

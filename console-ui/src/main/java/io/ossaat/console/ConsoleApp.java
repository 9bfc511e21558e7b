package io.ossaat.console;

import io.ossaat.console.host.AttachedEngineHost;
import io.ossaat.console.host.EmbeddedEngineHost;
import io.ossaat.console.host.EngineHost;
import io.ossaat.console.layout.MainWindow;
import io.ossaat.console.model.ConsoleModel;
import io.ossaat.console.model.LogTail;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.util.concurrent.atomic.AtomicInteger;

/** The JavaFX application; started by {@link ConsoleMain}, which is not an {@code Application} itself. */
public final class ConsoleApp extends Application {

    static final AtomicInteger EXIT_CODE = new AtomicInteger();

    private ConsoleModel model;

    @Override
    public void start(Stage stage) {
        ConsoleOptions options = ConsoleOptions.parse(getParameters().getRaw(), System.getenv());
        LogTail log = new LogTail(500);
        log.captureJul();
        EngineHost host = options.attach() != null
                ? new AttachedEngineHost(options.attach(), options.token())
                : EmbeddedEngineHost.discover(options.engineFlags());
        model = new ConsoleModel(host, log);
        MainWindow window = new MainWindow(model);
        Scene scene = ConsoleTheme.scene(window);
        stage.setTitle("ossaat console");
        stage.setScene(scene);
        stage.setMinWidth(1024);
        stage.setMinHeight(640);
        stage.show();
        model.start();

        if (options.snapshotDir() != null) {
            Snapshots.tour(model, window, scene, options.snapshotDir(), Duration.seconds(3.5), files -> {
                files.forEach(f -> System.out.println("wrote " + f));
                EXIT_CODE.set(model.startup().stateProperty().get() == io.ossaat.console.model.StartupModel.State.READY ? 0 : 1);
                if (EXIT_CODE.get() != 0) {
                    System.err.println("engine start failed: " + model.startup().errorProperty().get());
                }
                Platform.exit();
            });
        }
    }

    @Override
    public void stop() {
        if (model != null) {
            model.close();
        }
    }
}

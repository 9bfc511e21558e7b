package io.ossaat.console.history;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;

import io.ossaat.console.ConsoleTheme;
import io.ossaat.console.Fx;
import io.ossaat.console.host.AttachedEngineHost;
import io.ossaat.console.layout.MainWindow;
import io.ossaat.console.model.ConsoleModel;
import io.ossaat.console.model.LogTail;
import io.ossaat.console.model.Page;
import io.ossaat.console.model.StartupModel;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The whole console in a stage, attached to the {@link HistoryEngine}; TestFX wants {@code @Start} on the class. */
abstract class HistoryConsole {
    static final Duration WAIT = Duration.ofSeconds(60);

    /** One per JVM: it hooks the root logger, where the pages log what they measured. */
    static final LogTail LOG = new LogTail(2_000);

    HistoryEngine history;
    ConsoleModel model;
    MainWindow window;

    /** Off the FX thread: TestFX gives a stage's set-up only seconds, making the history takes more. */
    @BeforeAll
    static void startEngine() {
        HistoryEngine.get();
    }

    void show(Stage stage) {
        history = HistoryEngine.get();
        LOG.captureJul();
        model = new ConsoleModel(new AttachedEngineHost(URI.create(history.engine.url()),
                history.engine.token().value()), LOG);
        window = new MainWindow(model);
        stage.setScene(ConsoleTheme.scene(window));
        stage.show();
        model.start();
    }

    @AfterEach
    void stop() {
        fxRun(model::close);
    }

    /** Reads on the FX thread, waiting longer than {@link Fx#get}: these pages draw a month of history. */
    static <T> T fx(java.util.concurrent.Callable<T> c) {
        try {
            return org.testfx.util.WaitForAsyncUtils.asyncFx(c).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void fxRun(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    void awaitReady() {
        await().atMost(WAIT).until(() -> fx(() -> model.startup().stateProperty().get()) == StartupModel.State.READY
                && window.page(Page.OVERVIEW) != null);
    }
}

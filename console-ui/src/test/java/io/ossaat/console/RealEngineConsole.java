package io.ossaat.console;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;

import io.ossaat.console.client.HttpEngineClient;
import io.ossaat.console.host.AttachedEngineHost;
import io.ossaat.console.layout.MainWindow;
import io.ossaat.console.model.ConsoleModel;
import io.ossaat.console.model.LogTail;
import io.ossaat.console.model.Page;
import io.ossaat.console.model.StartupModel;
import io.ossaat.console.settings.Settings;
import io.ossaat.engine.Engine;
import io.ossaat.engine.testing.SharedEngine;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;

/**
 * The whole console in a stage, attached over a real socket to a real engine (the one this JVM's tests share, unless a
 * test class passes its own), one per test. TestFX only looks for {@code @Start} on the test class itself, so each
 * test class has one that calls {@link #show}.
 */
public abstract class RealEngineConsole {
    /** Long enough for a page that draws a month of history on a busy 2-core machine. */
    protected static final Duration WAIT = Duration.ofSeconds(60);

    protected final Engine engine;
    protected HttpEngineClient api;
    protected ConsoleModel model;
    protected MainWindow window;
    protected LogTail log;

    protected RealEngineConsole() {
        this(SharedEngine.get());
    }

    /**
     * The engine is started before this is called, when JUnit makes the test instance, off the FX thread: TestFX gives
     * a stage's set-up only seconds, a cold start (or a month of history) takes more.
     */
    protected RealEngineConsole(Engine engine) {
        this.engine = engine;
    }

    protected void show(Stage stage) {
        show(stage, ConsoleTheme.DEFAULT);
    }

    protected void show(Stage stage, ConsoleTheme.Size size) {
        api = new HttpEngineClient(URI.create(engine.url()), engine.token().value());
        log = new LogTail(200);
        model = new ConsoleModel(new AttachedEngineHost(URI.create(engine.url()), engine.token().value()), settings(),
                log);
        window = new MainWindow(model);
        stage.setScene(ConsoleTheme.scene(window, size));
        stage.show();
        model.start();
    }

    /** The saved settings the console runs with; none (no Settings dialog) unless a test class says otherwise. */
    protected Settings settings() {
        return null;
    }

    @AfterEach
    void stop() {
        Fx.run(model::close);
        api.close();
    }

    protected void awaitReady() {
        // ignoring a slow answer from the FX thread: it may still be closing the previous test's console
        await().atMost(WAIT).ignoreExceptions().until(() -> Fx.get(() -> model.startup().stateProperty().get()) == StartupModel.State.READY
                && window.page(Page.OVERVIEW) != null);
    }
}

package io.ossaat.console.page;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;

import io.ossaat.console.ConsoleTheme;
import io.ossaat.console.Fx;
import io.ossaat.console.client.HttpEngineClient;
import io.ossaat.console.host.AttachedEngineHost;
import io.ossaat.console.layout.MainWindow;
import io.ossaat.console.model.ConsoleModel;
import io.ossaat.console.model.LogTail;
import io.ossaat.console.model.Page;
import io.ossaat.console.model.StartupModel;
import io.ossaat.engine.Engine;
import io.ossaat.engine.testing.SharedEngine;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole console in a stage, attached to the real engine shared by this JVM's tests; one per test. TestFX only
 * looks for {@code @Start} on the test class itself, so each test class has one that calls {@link #show}.
 */
abstract class RealEngineConsole {
    static final Duration WAIT = Duration.ofSeconds(30);

    Engine engine;
    HttpEngineClient api;
    ConsoleModel model;
    MainWindow window;
    LogTail log;

    /** Starts the shared engine off the FX thread: TestFX gives a stage's set-up only seconds, a cold start takes more. */
    @BeforeAll
    static void startEngine() {
        SharedEngine.get();
    }

    void show(Stage stage) {
        show(stage, ConsoleTheme.DEFAULT);
    }

    void show(Stage stage, ConsoleTheme.Size size) {
        engine = SharedEngine.get();
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
    io.ossaat.console.settings.Settings settings() {
        return null;
    }

    @AfterEach
    void stop() {
        Fx.run(model::close);
        api.close();
    }

    void awaitReady() {
        // ignoring a slow answer from the FX thread: it may still be closing the previous test's console
        await().atMost(WAIT).ignoreExceptions().until(() -> Fx.get(() -> model.startup().stateProperty().get()) == StartupModel.State.READY
                && window.page(Page.OVERVIEW) != null);
    }
}

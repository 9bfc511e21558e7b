package io.ossaat.console.model;

import io.ossaat.console.FaultProxy;
import io.ossaat.console.Fx;
import io.ossaat.console.host.AttachedEngineHost;
import io.ossaat.console.host.EmbeddedEngineHost;
import io.ossaat.console.host.EngineFlags;
import io.ossaat.engine.Engine;
import io.ossaat.engine.testing.SharedEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StartupModelTest {

    @BeforeAll
    static void toolkit() {
        Fx.toolkit();
    }

    /** An engine that does not answer yet and then does: the real engine behind a proxy that answers 503 first. */
    @Test
    void failedStartShowsTheReasonAndRetrySucceeds() {
        Engine real = SharedEngine.get();
        try (FaultProxy engine = new FaultProxy(java.net.URI.create(real.url()))) {
            engine.failing(true);
            AttachedEngineHost host = new AttachedEngineHost(engine.url(), real.token().value());
            LogTail log = new LogTail(100);
            StartupModel model = new StartupModel(host, log);

            Fx.run(model::start);
            await().atMost(Duration.ofSeconds(5)).until(() -> Fx.get(() -> model.stateProperty().get()) == StartupModel.State.FAILED);
            assertThat(Fx.get(() -> model.errorProperty().get())).contains("No engine answers at " + engine.url());
            assertThat(Fx.get(() -> model.phases().getFirst().statusProperty().get())).isEqualTo(StartupModel.PhaseStatus.FAILED);
            assertThat(Fx.get(() -> model.phases().get(1).statusProperty().get())).isEqualTo(StartupModel.PhaseStatus.PENDING);

            engine.failing(false);
            Fx.run(model::retry);
            await().atMost(Duration.ofSeconds(5)).until(() -> Fx.get(() -> model.stateProperty().get()) == StartupModel.State.READY);
            assertThat(Fx.get(() -> model.phases().stream().map(p -> p.statusProperty().get()).toList()))
                    .containsOnly(StartupModel.PhaseStatus.DONE);
            assertThat(Fx.get(() -> model.errorProperty().get())).isEmpty();
            assertThat(Fx.get(() -> model.clientProperty().get())).isNotNull();
            assertThat(log.lines()).anyMatch(l -> l.contains("start-up failed"));
            host.close();
        }
    }

    @Test
    void wrongTokenFailsAtAuthenticateWithAHint() {
        Engine engine = SharedEngine.get();
        {
            StartupModel model = new StartupModel(new AttachedEngineHost(java.net.URI.create(engine.url()), "wrong"),
                    new LogTail(10));
            Fx.run(model::start);
            await().atMost(Duration.ofSeconds(5)).until(() -> Fx.get(() -> model.stateProperty().get()) == StartupModel.State.FAILED);
            assertThat(Fx.get(() -> model.errorProperty().get())).contains("OSSAAT_TOKEN");
            assertThat(Fx.get(() -> model.phases().stream().map(p -> p.statusProperty().get()).toList()))
                    .containsExactly(StartupModel.PhaseStatus.DONE, StartupModel.PhaseStatus.FAILED, StartupModel.PhaseStatus.PENDING);
        }
    }

    /** What the Settings dialog does after a failed start: the same console shows another engine, no restart. */
    @Test
    void switchingToAnotherEngineAfterAFailedStartConnectsToIt() {
        Engine engine = SharedEngine.get();
        StartupModel model = new StartupModel(new EmbeddedEngineHost(EngineFlags.none(), null), new LogTail(10));
        Fx.run(model::start);
        await().atMost(Duration.ofSeconds(5)).until(() -> Fx.get(() -> model.stateProperty().get()) == StartupModel.State.FAILED);

        AttachedEngineHost attached = new AttachedEngineHost(java.net.URI.create(engine.url()), engine.token().value());
        Fx.run(() -> model.switchHost(attached));
        assertThat(Fx.get(() -> model.phases().stream().map(StartupModel.PhaseRow::name).toList()))
                .as("the new engine's phases").containsExactly("Connect", "Authenticate", "Ready");
        await().atMost(Duration.ofSeconds(10)).until(() -> Fx.get(() -> model.stateProperty().get()) == StartupModel.State.READY);
        assertThat(Fx.get(() -> model.host())).isSameAs(attached);
        assertThat(Fx.get(() -> model.errorProperty().get())).isEmpty();
        assertThat(Fx.get(() -> model.clientProperty().get().engineInfo().status())).isNotBlank();
        attached.close();
    }

    @Test
    void embeddedModeWithoutAnEngineSaysWhatToRunInstead() {
        StartupModel model = new StartupModel(new EmbeddedEngineHost(EngineFlags.none(), null), new LogTail(10));
        assertThat(Fx.get(() -> model.phases().stream().map(StartupModel.PhaseRow::name).toList()))
                .containsExactly("Postgres", "Redis", "HTTP server");
        Fx.run(model::start);
        await().atMost(Duration.ofSeconds(5)).until(() -> Fx.get(() -> model.stateProperty().get()) == StartupModel.State.FAILED);
        assertThat(Fx.get(() -> model.errorProperty().get())).contains("./ossaat serve").contains("--attach");
    }
}

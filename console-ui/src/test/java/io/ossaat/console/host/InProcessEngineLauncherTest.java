package io.ossaat.console.host;

import io.ossaat.console.client.HttpEngineClient;
import io.ossaat.engine.config.ConfigException;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded engine as the console starts it: serve's settings, the console's phases, a loopback URL. */
class InProcessEngineLauncherTest {

    @Test
    void isTheLauncherTheConsoleDiscovers() {
        assertThat(ServiceLoader.load(EngineLauncher.class).findFirst()).get().isInstanceOf(InProcessEngineLauncher.class);
    }

    @Test
    void startsTheEngineReportingEachPhaseAndFallsBackToAFreePortWhenTheConfiguredOneIsTaken() throws Exception {
        Path dataDir = TestEngines.newDataDir();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Files.writeString(dataDir.resolve("ossaat.yaml"), "port: " + taken.getLocalPort() + "\nrunners: 2\n");
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream stderr = System.err;
            EngineLauncher.Running running;
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                running = new InProcessEngineLauncher(Map.of())
                        .launch(new EngineFlags(List.of("--data-dir", dataDir.toString())), recorder(events));
            } finally {
                System.setErr(stderr);
            }
            assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).as("the first start's token hint, as serve prints it")
                    .contains("a new API token was written to " + dataDir.resolve("token"))
                    .contains("export OSSAAT_TOKEN=");
            try (running; HttpEngineClient client = new HttpEngineClient(running.baseUrl(), running.token())) {
                assertThat(running.baseUrl().getHost()).isEqualTo("127.0.0.1");
                assertThat(running.baseUrl().getPort()).isNotEqualTo(taken.getLocalPort()).isPositive();
                assertThat(running.notice()).contains("Port " + taken.getLocalPort() + " was taken");
                assertThat(running.token()).isEqualTo(Files.readString(dataDir.resolve("token")).strip());
                assertThat(client.listPlans(null, 1, null).items()).isEmpty();
                assertThat(client.engineInfo().component("postgres")).isEqualTo("up");
                assertThat(running.facts()).as("what the Engine page's card lists").containsEntry("Data dir", dataDir.toString())
                        .containsKeys("Version", "Postgres address", "Redis address");
                assertThat(running.facts().get("Postgres address")).isNotBlank();
            }
        }
        assertThat(events).contains("start Postgres", "start Redis", "start HTTP server");
        assertThat(events).filteredOn(e -> e.startsWith("done HTTP server")).singleElement().asString().contains("http://127.0.0.1:");
        assertThat(events.indexOf("start HTTP server")).as("the server starts after Postgres and Redis are up")
                .isGreaterThan(indexOf(events, "done Postgres")).isGreaterThan(indexOf(events, "done Redis"));
        assertThat(events).anyMatch(e -> e.startsWith("log ") && e.contains(dataDir.toString()));
    }

    @Test
    void aPortDemandedOnTheCommandLineIsAnOrder() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            EngineFlags flags = new EngineFlags(List.of("--data-dir", TestEngines.newDataDir().toString(),
                    "--port", String.valueOf(taken.getLocalPort())));
            assertThatThrownBy(() -> new InProcessEngineLauncher(Map.of()).launch(flags, StartupListener.NONE))
                    .hasMessageContaining("Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use")
                    .hasMessageContaining("--attach");
        }
    }

    @Test
    void badSettingsAreNamedAsServeNamesThem() {
        EngineFlags flags = new EngineFlags(List.of("--data-dir", TestEngines.newDataDir().toString(), "--runners", "lots"));
        assertThatThrownBy(() -> new InProcessEngineLauncher(Map.of()).launch(flags, StartupListener.NONE))
                .isInstanceOf(ConfigException.class).hasMessage("invalid setting 'runners': must be a whole number, was 'lots'");
        assertThatThrownBy(() -> new InProcessEngineLauncher(Map.of("OSSAAT_BIND", "0.0.0.0"))
                .launch(new EngineFlags(List.of("--data-dir", TestEngines.newDataDir().toString(), "--insecure-no-auth")),
                        StartupListener.NONE))
                .hasMessageContaining("insecure-no-auth");
    }

    private static int indexOf(List<String> events, String prefix) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no event starts with " + prefix + ": " + events);
    }

    private static StartupListener recorder(List<String> events) {
        return new StartupListener() {
            @Override
            public void phaseStarted(String phase) {
                events.add("start " + phase);
            }

            @Override
            public void phaseDone(String phase, String detail) {
                events.add("done " + phase + " " + detail);
            }

            @Override
            public void log(String line) {
                events.add("log " + line);
            }
        };
    }
}

package io.ossaat.console;

import io.ossaat.engine.config.ConfigLoader.Setting;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleOptionsTest {

    @Test
    void attachTokenAndSnapshotAreParsedAndEngineFlagsKeptForTheEngine() {
        ConsoleOptions o = ConsoleOptions.parse(List.of("--attach", "http://10.0.0.5:7070", "--token=abc",
                "--snapshot", "shots", "--data-dir", "/srv/ossaat", "--port=7171", "--insecure-no-auth"), Map.of());

        assertThat(o.attach()).isEqualTo(URI.create("http://10.0.0.5:7070"));
        assertThat(o.token()).isEqualTo("abc");
        assertThat(o.snapshotDir()).isEqualTo(Path.of("shots"));
        assertThat(o.engineFlags().args()).containsExactly("--data-dir", "/srv/ossaat", "--port", "7171",
                "--insecure-no-auth");
        assertThat(o.engineFlags().settings()).containsExactly(Map.entry(Setting.PORT, "7171"),
                Map.entry(Setting.DATA_DIR, "/srv/ossaat"), Map.entry(Setting.INSECURE_NO_AUTH, "true"));
    }

    @Test
    void everyServeSettingIsAnEngineFlag() {
        ConsoleOptions o = ConsoleOptions.parse(List.of("--runners", "2", "--lease-seconds=30", "--bind", "::1",
                "--db-url", "jdbc:postgresql://db/o", "--redis-url", "redis://r:6379"), Map.of());
        assertThat(o.engineFlags().settings()).containsOnlyKeys(Setting.RUNNERS, Setting.LEASE_SECONDS, Setting.BIND,
                Setting.DB_URL, Setting.REDIS_URL);
    }

    @Test
    void tokenComesFromTheEnvironmentWhenNotGiven() {
        assertThat(ConsoleOptions.parse(List.of(), Map.of("OSSAAT_TOKEN", "from-env")).token()).isEqualTo("from-env");
        assertThat(ConsoleOptions.parse(List.of("--token", "flag"), Map.of("OSSAAT_TOKEN", "env")).token()).isEqualTo("flag");
        assertThat(ConsoleOptions.parse(List.of(), Map.of()).attach()).as("embedded by default").isNull();
    }

    @Test
    void theConsolesOwnFolderIsTheFlagsElseTheEnvironmentsElseUnderTheHomeFolder() {
        assertThat(ConsoleOptions.parse(List.of("--console-dir", "/tmp/c"), Map.of("OSSAAT_CONSOLE_DIR", "/env")).consoleDir())
                .isEqualTo(Path.of("/tmp/c"));
        assertThat(ConsoleOptions.parse(List.of(), Map.of("OSSAAT_CONSOLE_DIR", "/env")).consoleDir()).isEqualTo(Path.of("/env"));
        assertThat(ConsoleOptions.parse(List.of(), Map.of()).consoleDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".ossaat", "console"));
        ConsoleOptions snapshot = ConsoleOptions.parse(List.of("--snapshot", "s"), Map.of());
        assertThat(snapshot.throwAwayEngine()).isTrue();
        assertThat(snapshot.withConsoleDir(Path.of("/tmp/x/console")).consoleDir()).isEqualTo(Path.of("/tmp/x/console"));
    }

    @Test
    void badInputFailsWithAClearMessage() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--attach", "localhost"), Map.of()))
                .hasMessageContaining("http://127.0.0.1:7070");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--frobnicate"), Map.of()))
                .hasMessageContaining("unknown option --frobnicate").hasMessageContaining("usage:");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--token"), Map.of())).hasMessageContaining("needs a value");
    }

    @Test
    void theSnapshotSizeIsTheDefaultWindowUnlessGivenAndNeverBelowTheMinimum() {
        assertThat(ConsoleOptions.parse(List.of("--snapshot", "s"), Map.of()).snapshotSize()).isEqualTo(ConsoleTheme.DEFAULT);
        assertThat(ConsoleOptions.parse(List.of("--snapshot", "s", "--snapshot-size", "1024x700"), Map.of()).snapshotSize())
                .isEqualTo(new ConsoleTheme.Size(1024, 700));
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--snapshot-size=800x600"), Map.of()))
                .hasMessageContaining("at least 1024x700");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--snapshot-size", "big"), Map.of()))
                .hasMessageContaining("WIDTHxHEIGHT");
    }
}

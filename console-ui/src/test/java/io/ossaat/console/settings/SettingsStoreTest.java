package io.ossaat.console.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalTime;
import java.util.List;

import io.ossaat.console.host.EngineFlags;
import io.ossaat.console.host.EngineHost;
import io.ossaat.console.host.StartupListener;
import io.ossaat.console.model.LogTail;
import io.ossaat.console.model.NotificationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    private static final String TOKEN = "oss_" + "5f".repeat(32);

    @TempDir
    Path dir;

    @Test
    void settingsRoundTripThroughTheFile() {
        SettingsStore store = new SettingsStore(dir.resolve("console"));
        assertThat(store.load().settings()).as("nothing saved yet").isEqualTo(ConsoleSettings.DEFAULTS);
        ConsoleSettings s = new ConsoleSettings(EngineHost.Mode.ATTACHED, URI.create("https://engine.example:8443"),
                Theme.SYSTEM, 0, dir.resolve("data"),
                new NotificationSettings(false, true, LocalTime.of(22, 0), LocalTime.of(7, 30)));
        store.save(s);

        SettingsStore.Loaded again = new SettingsStore(dir.resolve("console")).load();
        assertThat(again.problem()).isEmpty();
        assertThat(again.settings()).isEqualTo(s);
        assertThat(store.dir().resolve(SettingsStore.FILE + ".tmp")).as("written to a temp file and moved").doesNotExist();
    }

    @Test
    void theTokenFileIsOnlyForItsOwnerAndOneOthersCanReadIsRefused() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("console"));
        store.saveToken("  " + TOKEN + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.tokenFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir()))).isEqualTo("rwx------");
        assertThat(store.token()).contains(TOKEN);

        Files.setPosixFilePermissions(store.tokenFile(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(store::token).isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("open to other users").hasMessageContaining("chmod 600")
                .hasMessageNotContaining(TOKEN);
        // the console attaches to nothing with it, and says why without the token
        LogTail log = new LogTail(10);
        store.save(new ConsoleSettings(EngineHost.Mode.ATTACHED, URI.create("http://127.0.0.1:1"), Theme.DARK, null,
                null, NotificationSettings.DEFAULTS));
        EngineHost host = new Settings(store, EngineFlags.none(), null, log).host();
        assertThatThrownBy(() -> host.start(StartupListener.NONE)).hasMessageContaining("open to other users")
                .hasMessageNotContaining(TOKEN);

        store.saveToken(TOKEN); // saving it again repairs the mode
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.tokenFile()))).isEqualTo("rw-------");
        assertThat(store.token()).contains(TOKEN);
        assertThat(String.join("\n", log.lines())).doesNotContain(TOKEN);
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ConsoleSettings.attachUrl("ftp://host:21")).isInstanceOf(InvalidSetting.class)
                .hasMessage("attach-url must start with http:// or https://, was 'ftp://host:21'");
        assertThatThrownBy(() -> ConsoleSettings.attachUrl("http://user:secret@host:7070"))
                .hasMessageContaining("without user");
        assertThatThrownBy(() -> ConsoleSettings.attachUrl("127.0.0.1:7070")).hasMessageContaining("http://");
        assertThat(ConsoleSettings.attachUrl(" http://127.0.0.1:7070 ")).isEqualTo(URI.create("http://127.0.0.1:7070"));
        assertThatThrownBy(() -> ConsoleSettings.port("70000")).hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> ConsoleSettings.port("-1")).hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> ConsoleSettings.port("http")).hasMessageContaining("between 0 and 65535");
        assertThat(ConsoleSettings.port(" ")).isNull();
        assertThat(ConsoleSettings.port("0")).isZero();
        assertThatThrownBy(() -> ConsoleSettings.dataDir("relative/dir")).hasMessageContaining("absolute");
        assertThat(ConsoleSettings.dataDir("~/o")).isEqualTo(Path.of(System.getProperty("user.home"), "o"));
        assertThatThrownBy(() -> ConsoleSettings.notifications(true, true, "22:00", ""))
                .isInstanceOf(InvalidSetting.class).extracting(e -> ((InvalidSetting) e).field())
                .isEqualTo(ConsoleSettings.QUIET_TO);
        assertThatThrownBy(() -> ConsoleSettings.notifications(true, true, "25:00", "07:00"))
                .hasMessageContaining("time of day");
        assertThat(ConsoleSettings.notifications(true, false, "7:00", "9:30").quietFrom()).isEqualTo(LocalTime.of(7, 0));
        assertThatThrownBy(() -> new TokenChange.Replace("two words")).isInstanceOf(InvalidSetting.class)
                .hasMessageNotContaining("two words");
        assertThat(new TokenChange.Replace(TOKEN).toString()).doesNotContain(TOKEN);
    }

    @Test
    void systemThemeFollowsThePlatformAndIsLightWhenItSaysNothing() {
        assertThat(Theme.SYSTEM.resolve(true)).isEqualTo(Theme.DARK);
        assertThat(Theme.SYSTEM.resolve(false)).isEqualTo(Theme.LIGHT);
        assertThat(Theme.SYSTEM.resolve(null)).isEqualTo(Theme.LIGHT);
        assertThat(Theme.DARK.resolve(false)).isEqualTo(Theme.DARK);
        assertThat(Theme.ofKey(" System ")).isEqualTo(Theme.SYSTEM);
        assertThatThrownBy(() -> Theme.ofKey("blue")).hasMessage("theme must be light, dark or system, was 'blue'");
    }

    @Test
    void aFileWithABadValueIsNotUsedAndSaysWhy() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(store.file(), "engine=attached\nattach-url=ftp://x\ntheme=light\n");
        SettingsStore.Loaded loaded = store.load();
        assertThat(loaded.settings()).isEqualTo(ConsoleSettings.DEFAULTS);
        assertThat(loaded.problem()).hasValueSatisfying(p -> assertThat(p).contains("attach-url must start with http"));
    }

    @Test
    void savedPortAndDataDirJoinTheCommandLineButDoNotOverrideIt() {
        SettingsStore store = new SettingsStore(dir);
        store.save(new ConsoleSettings(EngineHost.Mode.EMBEDDED, null, Theme.DARK, 7171, dir.resolve("d"),
                NotificationSettings.DEFAULTS));
        Settings plain = new Settings(store, EngineFlags.none(), null, new LogTail(10));
        assertThat(plain.embeddedFlags().args()).containsExactly("--port", "7171", "--data-dir", dir.resolve("d").toString());
        assertThat(plain.commandLineNote()).isEmpty();
        Settings given = new Settings(store, new EngineFlags(List.of("--port", "0")), null, new LogTail(10));
        assertThat(given.embeddedFlags().args()).containsExactly("--port", "0", "--data-dir", dir.resolve("d").toString());
        assertThat(given.commandLineNote()).contains("--port 0");
    }

    @Test
    void aSavedTokenIsNotSentToAnotherUrl() {
        SettingsStore store = new SettingsStore(dir);
        LogTail log = new LogTail(10);
        Settings settings = new Settings(store, EngineFlags.none(), null, log);
        ConsoleSettings a = new ConsoleSettings(EngineHost.Mode.ATTACHED, URI.create("http://a:7070"), Theme.DARK,
                null, null, NotificationSettings.DEFAULTS);
        assertThat(settings.save(a, new TokenChange.Replace(TOKEN))).as("another engine").isTrue();
        assertThat(settings.save(a.withTheme(Theme.LIGHT), TokenChange.KEEP)).as("only the theme").isFalse();
        assertThat(settings.hasToken()).isTrue();
        ConsoleSettings b = new ConsoleSettings(EngineHost.Mode.ATTACHED, URI.create("http://b:7070"), Theme.DARK,
                null, null, NotificationSettings.DEFAULTS);
        assertThat(settings.save(b, TokenChange.KEEP)).isTrue();
        assertThat(settings.hasToken()).as("the token was for http://a").isFalse();
        assertThat(String.join("\n", log.lines())).contains("was for http://a").doesNotContain(TOKEN);
    }
}

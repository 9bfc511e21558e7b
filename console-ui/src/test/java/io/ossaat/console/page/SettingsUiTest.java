package io.ossaat.console.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ossaat.console.ConsoleTheme;
import io.ossaat.console.Fx;
import io.ossaat.console.RealEngineConsole;
import io.ossaat.console.client.HttpEngineClient;
import io.ossaat.console.client.Plan;
import io.ossaat.console.host.AttachedEngineHost;
import io.ossaat.console.host.EngineFlags;
import io.ossaat.console.host.EngineHost;
import io.ossaat.console.model.ConsoleModel;
import io.ossaat.console.model.NotificationSettings;
import io.ossaat.console.settings.ConsoleSettings;
import io.ossaat.console.settings.Settings;
import io.ossaat.console.settings.SettingsStore;
import io.ossaat.console.settings.Theme;
import io.ossaat.engine.Engine;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Settings dialog on a console attached (as by {@code --attach}) to the shared real engine, with its settings in
 * a folder of its own: what it saves comes back from the file and applies at once (theme, notifications), it
 * switches to a second real engine by URL and token without a restart, keeps the token 0600 and out of every text,
 * and refuses bad values in the dialog.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsUiTest extends RealEngineConsole {

    private SettingsStore store;
    private Settings settings;

    @Start
    void start(Stage stage) {
        show(stage);
    }

    @Override
    protected Settings settings() {
        store = new SettingsStore(TestEngines.newDataDir().resolve("console"));
        settings = new Settings(store, EngineFlags.none(), URI.create(io.ossaat.engine.testing.SharedEngine.get().url()), log);
        return settings;
    }

    @AfterEach
    void darkAgain() {
        Fx.run(() -> ConsoleTheme.apply(Theme.DARK)); // the theme is the application's: the next test class's too
    }

    @Test
    void savedSettingsComeBackFromTheFileAndApplyAtOnce(FxRobot robot) {
        awaitReady();
        ConsoleModel.Session session = Fx.get(() -> model.sessionProperty().get());
        assertThat(pageBackground(robot).getBrightness()).as("dark to begin with").isLessThan(0.3);
        openSettings(robot);
        assertThat(Fx.get(() -> robot.lookup("#settings-next-start").queryLabeled().getText()))
                .contains("apply at the next start of the embedded engine");
        assertThat(Fx.get(() -> robot.lookup("#settings-command-line").queryLabeled().getText()))
                .contains("--attach " + engine.url());
        ChoiceBox<Theme> theme = robot.lookup("#settings-theme").query();
        Fx.run(() -> theme.setValue(Theme.LIGHT));
        robot.clickOn("#settings-embedded-port").write("7171");
        Path dataDir = store.dir().resolveSibling("engine-data");
        text(robot, "#settings-embedded-data-dir", dataDir.toString());
        robot.clickOn("#settings-notify-slo-paging");
        robot.clickOn("#settings-quiet-from").write("22:00");
        robot.clickOn("#settings-quiet-to").write("7:30");
        robot.clickOn("#settings-save");

        await().atMost(WAIT).until(() -> Fx.get(() -> robot.lookup("#settings-dialog").tryQuery().isEmpty()));
        ConsoleSettings expected = new ConsoleSettings(EngineHost.Mode.EMBEDDED, null, Theme.LIGHT, 7171, dataDir,
                new NotificationSettings(true, false, LocalTime.of(22, 0), LocalTime.of(7, 30)));
        assertThat(new SettingsStore(store.dir()).load().settings()).as("read back from the file").isEqualTo(expected);
        assertThat(Fx.get(() -> Application.getUserAgentStylesheet())).contains("primer-light");
        await().atMost(WAIT).until(() -> pageBackground(robot).getBrightness() > 0.9);
        assertThat(Fx.get(() -> session.notifications().settingsProperty().get())).isEqualTo(expected.notifications());
        assertThat(Fx.get(() -> model.sessionProperty().get())).as("the engine was not restarted").isSameAs(session);
        assertThat(settings.embeddedFlags().args()).containsExactly("--port", "7171", "--data-dir", dataDir.toString());

        openSettings(robot);
        assertThat(Fx.get(() -> robot.lookup("#settings-embedded-port").queryAs(TextField.class).getText())).isEqualTo("7171");
        Fx.run(() -> robot.lookup("#settings-theme").<ChoiceBox<Theme>>query().setValue(Theme.DARK));
        robot.clickOn("#settings-save");
        await().atMost(WAIT).until(() -> pageBackground(robot).getBrightness() < 0.3);
        assertThat(Fx.get(() -> Application.getUserAgentStylesheet())).contains("primer-dark");
    }

    @Test
    void attachesToASecondEngineByUrlAndTokenWithoutARestart(FxRobot robot) throws Exception {
        awaitReady();
        Engine second = TestEngines.start();
        try (HttpEngineClient secondApi = new HttpEngineClient(URI.create(second.url()), second.token().value())) {
            String token = second.token().value();
            Plan there = secondApi.createPlan("Only on the second engine " + System.nanoTime(), null,
                    Workspaces.gitRepo().toString(), Map.of("patch", Workspaces.NEW_FILE_PATCH));
            Plan here = api.createPlan("Only on the first engine " + System.nanoTime(), null,
                    Workspaces.gitRepo().toString(), Map.of("patch", Workspaces.NEW_FILE_PATCH));

            openSettings(robot);
            robot.clickOn("#settings-engine-attached");
            text(robot, "#settings-attach-url", second.url());
            text(robot, "#settings-attach-token", token);
            robot.clickOn("#settings-save");

            await().atMost(WAIT).until(() -> Fx.get(() -> model.sessionProperty().get() != null
                    && model.sessionProperty().get().plans().visiblePlans().stream().anyMatch(p -> p.id().equals(there.id()))));
            assertThat(Fx.get(() -> model.sessionProperty().get().plans().visiblePlans()))
                    .extracting(Plan::id).doesNotContain(here.id());
            assertThat(Fx.get(() -> ((AttachedEngineHost) model.startup().host()).url())).isEqualTo(URI.create(second.url()));
            await().atMost(WAIT).until(() -> window.page(io.ossaat.console.model.Page.OVERVIEW) != null);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.tokenFile()))).isEqualTo("rw-------");
            assertThat(Files.readString(store.tokenFile()).strip()).isEqualTo(token);
            assertThat(Files.readString(store.file())).contains("engine=attached").doesNotContain(token);
            assertThat(String.join("\n", log.lines())).as("the log").doesNotContain(token);
            assertThat(allTexts()).as("no text in any window").noneMatch(t -> t.contains(token));

            openSettings(robot);
            PasswordField field = robot.lookup("#settings-attach-token").queryAs(PasswordField.class);
            String shown = Fx.get(field::getText);
            String prompt = Fx.get(field::getPromptText);
            assertThat(shown).as("a saved token is never put back in the field").isEmpty();
            assertThat(prompt).contains("a token is saved");
            assertThat(allTexts()).noneMatch(t -> t.contains(token));
            robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        } finally {
            Fx.run(model::close); // before the engine it is attached to
            second.close();
        }
    }

    @Test
    void badValuesAreRefusedInTheDialogWithTheReason(FxRobot robot) {
        awaitReady();
        openSettings(robot);
        robot.clickOn("#settings-engine-attached");
        text(robot, "#settings-attach-url", "ftp://127.0.0.1:7070");
        robot.clickOn("#settings-save");
        assertThat(errorText(robot)).isEqualTo("Attach URL must start with http:// or https://, was 'ftp://127.0.0.1:7070'");
        assertThat(focusedId(robot)).isEqualTo("settings-attach-url");

        text(robot, "#settings-attach-url", "http://127.0.0.1:7070");
        text(robot, "#settings-embedded-port", "70000");
        robot.clickOn("#settings-save");
        assertThat(errorText(robot)).isEqualTo("Port must be a number between 0 and 65535 (0: a free port), was '70000'");
        assertThat(focusedId(robot)).isEqualTo("settings-embedded-port");

        text(robot, "#settings-embedded-port", "");
        text(robot, "#settings-quiet-from", "22:00");
        robot.clickOn("#settings-save");
        assertThat(errorText(robot)).isEqualTo("Quiet to is needed when the quiet hours have a start");

        text(robot, "#settings-quiet-from", "");
        text(robot, "#settings-attach-token", "two words");
        robot.clickOn("#settings-save");
        assertThat(errorText(robot)).startsWith("Token must be printable characters without spaces");

        assertThat(Fx.get(() -> robot.lookup("#settings-dialog").tryQuery().isPresent())).as("still open").isTrue();
        assertThat(store.file()).as("nothing saved").doesNotExist();
        assertThat(store.tokenFile()).doesNotExist();
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }

    private void openSettings(FxRobot robot) {
        robot.press(KeyCode.CONTROL).press(KeyCode.COMMA).release(KeyCode.COMMA).release(KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> Fx.get(() -> robot.lookup("#settings-dialog").tryQuery().isPresent()));
    }

    private static void text(FxRobot robot, String id, String value) {
        TextInputControl f = robot.lookup(id).queryAs(TextInputControl.class);
        Fx.run(() -> f.setText(value));
    }

    private static String errorText(FxRobot robot) {
        return Fx.get(() -> robot.lookup("#settings-error").queryLabeled().getText());
    }

    private static String focusedId(FxRobot robot) {
        return Fx.get(() -> {
            Node n = robot.lookup("#settings-dialog").query().getScene().getFocusOwner();
            return n == null ? null : n.getId();
        });
    }

    /** The background colour of the page on show, as the current stylesheets paint it. */
    private Color pageBackground(FxRobot robot) {
        return Fx.get(() -> {
            Region page = (Region) window.lookup(".page");
            page.applyCss();
            return (Color) page.getBackground().getFills().getFirst().getFill();
        });
    }

    /** Every text shown in every window: labels, cells, buttons, fields (password fields too), tooltips. */
    private static List<String> allTexts() {
        return Fx.get(() -> {
            List<String> out = new ArrayList<>();
            for (Window w : Window.getWindows()) {
                if (w.getScene() != null) {
                    collect(w.getScene().getRoot(), out);
                }
            }
            return out;
        });
    }

    private static void collect(Node n, List<String> out) {
        if (n instanceof Labeled l && l.getText() != null) {
            out.add(l.getText());
        }
        if (n instanceof TextInputControl t) {
            out.add(t.getText());
        }
        if (n instanceof Control c && c.getTooltip() != null) {
            out.add(c.getTooltip().getText());
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, out));
        }
    }
}

package io.ossaat.console.page;

import java.io.File;
import java.io.UncheckedIOException;
import java.util.Map;

import io.ossaat.console.host.EngineHost;
import io.ossaat.console.layout.MainWindow;
import io.ossaat.console.settings.ConsoleSettings;
import io.ossaat.console.settings.InvalidSetting;
import io.ossaat.console.settings.Settings;
import io.ossaat.console.settings.SettingsStore;
import io.ossaat.console.settings.Theme;
import io.ossaat.console.settings.TokenChange;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * Settings (Ctrl+,): the engine to show (this console's own, or a remote one by URL and token), the embedded
 * engine's port and data dir, the theme, and the notifications. Save checks every field and applies them through
 * {@code apply}; a refused value keeps the dialog open with the reason under the fields and its field focused.
 * The token field is a password field that starts empty: a saved token is never shown, only replaced or forgotten.
 */
public final class SettingsDialog extends Dialog<Void> {

    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    /** Saves and applies; throws {@link InvalidSetting} (or an I/O failure) to refuse. */
    @FunctionalInterface
    public interface Apply {
        void apply(ConsoleSettings settings, TokenChange token);
    }

    private static final Map<String, String> LABELS = Map.of(
            ConsoleSettings.ATTACH_URL, "Attach URL", SettingsStore.TOKEN_FIELD, "Token",
            ConsoleSettings.PORT, "Port", ConsoleSettings.DATA_DIR, "Data dir",
            ConsoleSettings.QUIET_FROM, "Quiet from", ConsoleSettings.QUIET_TO, "Quiet to");

    private final Settings settings;
    private final Apply apply;
    private final RadioButton embedded = new RadioButton("Start the engine in this console (embedded)");
    private final RadioButton attached = new RadioButton("Attach to a remote engine (./ossaat serve)");
    private final TextField url = field(ConsoleSettings.ATTACH_URL, "http://127.0.0.1:7070");
    private final PasswordField token = new PasswordField();
    private final Button forget = new Button("Forget token");
    private final TextField port = field(ConsoleSettings.PORT, "engine default (7070; a free one if taken); 0: any free port");
    private final TextField dataDir = field(ConsoleSettings.DATA_DIR, "engine default (~/.ossaat)");
    private final ChoiceBox<Theme> theme = new ChoiceBox<>();
    private final CheckBox stepWaiting = new CheckBox("when a step waits for you");
    private final CheckBox sloPaging = new CheckBox("when an SLO starts paging");
    private final TextField quietFrom = field(ConsoleSettings.QUIET_FROM, "HH:mm, e.g. 22:00");
    private final TextField quietTo = field(ConsoleSettings.QUIET_TO, "HH:mm, e.g. 07:00");
    private final Label error = Ui.styled("", "error-text");
    private TokenChange tokenChange = TokenChange.KEEP;

    public SettingsDialog(Window owner, Settings settings, Apply apply) {
        this.settings = settings;
        this.apply = apply;
        initOwner(owner);
        setTitle("Settings");
        setHeaderText("Settings are saved in " + settings.store().dir());
        createView();
        fill(settings.settingsProperty().get());
    }

    private void createView() {
        ToggleGroup mode = new ToggleGroup();
        embedded.setToggleGroup(mode);
        attached.setToggleGroup(mode);
        embedded.setId("settings-engine-embedded");
        attached.setId("settings-engine-attached");
        url.disableProperty().bind(attached.selectedProperty().not());
        token.setId("settings-" + SettingsStore.TOKEN_FIELD);
        token.disableProperty().bind(attached.selectedProperty().not());
        token.setPromptText(settings.hasToken() ? "a token is saved (hidden): type to replace it"
                : "the engine's token (the token file in its data dir)");
        token.textProperty().subscribe(t -> {
            if (!t.isEmpty()) {
                tokenChange = TokenChange.KEEP; // typing wins over an earlier "Forget"
            }
        });
        forget.setId("settings-forget-token");
        forget.setVisible(settings.hasToken());
        forget.managedProperty().bind(forget.visibleProperty());
        forget.setOnAction(e -> {
            tokenChange = TokenChange.FORGET;
            token.clear();
            token.setPromptText("no token (forgotten when you save)");
            forget.setDisable(true);
        });
        HBox tokenRow = new HBox(8, token, forget);
        HBox.setHgrow(token, Priority.ALWAYS);
        Label tokenHint = hint("Kept in " + SettingsStore.TOKEN + " in that folder, readable by you only (0600),"
                + " and sent only to the URL above: a new URL needs its own token.");

        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Embedded engine's data dir");
            File current = new File(dataDir.getText().strip());
            if (current.isDirectory()) {
                chooser.setInitialDirectory(current);
            }
            File dir = chooser.showDialog(getDialogPane().getScene().getWindow());
            if (dir != null) {
                dataDir.setText(dir.getAbsolutePath());
            }
        });
        HBox dirRow = new HBox(8, dataDir, browse);
        HBox.setHgrow(dataDir, Priority.ALWAYS);
        Label nextStart = hint("Port and data dir apply at the next start of the embedded engine (when you switch to"
                + " it, or the console's next start); a running embedded engine keeps its own.");
        nextStart.setId("settings-next-start");

        theme.getItems().setAll(Theme.values());
        theme.setId("settings-" + ConsoleSettings.THEME);
        stepWaiting.setId("settings-" + ConsoleSettings.NOTIFY_STEP_WAITING);
        sloPaging.setId("settings-" + ConsoleSettings.NOTIFY_SLO_PAGING);
        HBox quiet = new HBox(8, quietFrom, Ui.styled("to", "kv-key"), quietTo);
        quiet.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        GridPane grid = new GridPane(10, 8);
        int r = 0;
        grid.add(section("Engine"), 0, r++, 2, 1);
        grid.add(embedded, 0, r++, 2, 1);
        grid.add(attached, 0, r++, 2, 1);
        grid.addRow(r++, label("Attach URL"), url);
        grid.addRow(r++, label("Token"), tokenRow);
        grid.add(tokenHint, 1, r++);
        grid.addRow(r++, label("Port"), port);
        grid.addRow(r++, label("Data dir"), dirRow);
        grid.add(nextStart, 1, r++);
        String note = settings.commandLineNote();
        if (!note.isEmpty()) {
            Label cl = hint(note);
            cl.setId("settings-command-line");
            cl.getStyleClass().add("warning-text");
            grid.add(cl, 1, r++);
        }
        grid.add(section("Appearance"), 0, r++, 2, 1);
        grid.addRow(r++, label("Theme"), theme);
        grid.add(section("Notifications"), 0, r++, 2, 1);
        grid.addRow(r++, label("Tell me"), new javafx.scene.layout.VBox(6, stepWaiting, sloPaging));
        grid.addRow(r++, label("Quiet hours"), quiet);
        grid.add(hint("In the quiet hours the banner still shows; the desktop stays silent."), 1, r++);
        error.setId("settings-error");
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        grid.add(error, 0, r, 2, 1);
        GridPane.setHgrow(url, Priority.ALWAYS);
        grid.setPrefWidth(620);

        getDialogPane().setContent(grid);
        getDialogPane().setId("settings-dialog");
        getDialogPane().getStylesheets().add(MainWindow.STYLESHEET);
        getDialogPane().getButtonTypes().addAll(SAVE, ButtonType.CANCEL);
        Button save = (Button) getDialogPane().lookupButton(SAVE);
        save.setId("settings-save");
        save.addEventFilter(ActionEvent.ACTION, e -> {
            if (!save()) {
                e.consume(); // keep the dialog open on the refusal
            }
        });
    }

    private void fill(ConsoleSettings s) {
        (s.engine() == EngineHost.Mode.ATTACHED ? attached : embedded).setSelected(true);
        url.setText(s.attachUrl() == null ? "" : s.attachUrl().toString());
        port.setText(s.port() == null ? "" : s.port().toString());
        dataDir.setText(s.dataDir() == null ? "" : s.dataDir().toString());
        theme.setValue(s.theme());
        stepWaiting.setSelected(s.notifications().stepWaiting());
        sloPaging.setSelected(s.notifications().sloPaging());
        quietFrom.setText(s.notifications().quietFrom() == null ? "" : s.notifications().quietFrom().toString());
        quietTo.setText(s.notifications().quietTo() == null ? "" : s.notifications().quietTo().toString());
        Platform.runLater((s.engine() == EngineHost.Mode.ATTACHED ? attached : embedded)::requestFocus);
    }

    /** Checks and applies the fields; false (with the reason shown) when something is refused. */
    private boolean save() {
        try {
            boolean attach = attached.isSelected();
            String typedUrl = url.getText().strip();
            ConsoleSettings next = new ConsoleSettings(
                    attach ? EngineHost.Mode.ATTACHED : EngineHost.Mode.EMBEDDED,
                    attach || !typedUrl.isEmpty() ? ConsoleSettings.attachUrl(typedUrl) : null,
                    theme.getValue(),
                    ConsoleSettings.port(port.getText()),
                    ConsoleSettings.dataDir(dataDir.getText()),
                    ConsoleSettings.notifications(stepWaiting.isSelected(), sloPaging.isSelected(),
                            quietFrom.getText(), quietTo.getText()));
            TokenChange t = token.getText().isEmpty() ? tokenChange : new TokenChange.Replace(token.getText());
            apply.apply(next, t);
            token.clear();
            return true;
        } catch (InvalidSetting e) {
            error.setText(LABELS.getOrDefault(e.field(), e.field()) + " " + e.reason());
            Node field = getDialogPane().lookup("#settings-" + e.field());
            if (field != null) {
                field.requestFocus();
            }
            return false;
        } catch (UncheckedIOException e) {
            error.setText("Could not save: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            return false;
        }
    }

    private static TextField field(String key, String prompt) {
        TextField f = new TextField();
        f.setId("settings-" + key);
        f.setPromptText(prompt);
        return f;
    }

    private static Label section(String text) {
        Label l = Ui.styled(text, "settings-section");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label hint(String text) {
        Label l = Ui.styled(text, "settings-hint");
        l.setWrapText(true);
        l.setMaxWidth(500);
        return l;
    }
}

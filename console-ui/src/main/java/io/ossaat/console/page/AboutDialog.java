package io.ossaat.console.page;

import io.ossaat.console.layout.MainWindow;
import io.ossaat.engine.Version;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Help › About (F1): the version of this build, the one {@code ossaat --version} and the installers show. */
public final class AboutDialog extends Dialog<Void> {

    public AboutDialog(Window owner, String engineMode) {
        initOwner(owner);
        setTitle("About ossaat");
        setHeaderText(title());
        Label what = new Label("The OSS AI Agent Tool: an AI-agent orchestrator with a durable step runtime, human "
                + "approvals, a live event log and SLOs it watches itself.");
        what.setWrapText(true);
        what.setPrefWidth(380);
        Label runtime = Ui.styled("Java " + Runtime.version() + " · JavaFX "
                + System.getProperty("javafx.runtime.version", "?"), "about-detail");
        Label engine = Ui.styled(engineMode + " engine", "about-detail");
        getDialogPane().setContent(new VBox(8, what, runtime, engine));
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().getStylesheets().add(MainWindow.STYLESHEET);
        getDialogPane().setId("about-dialog");
    }

    /** "ossaat 0.1.0", the dialog's header. */
    public static String title() {
        return "ossaat " + Version.current();
    }
}

package io.ossaat.console.page;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Optional;

/**
 * Asks before a decision that cannot be undone (reject a step, cancel a plan). The rationale field has the focus,
 * so a user who pressed the key types why and presses Enter; Escape keeps everything as it was.
 */
final class ConfirmDialog extends Dialog<String> {

    private final TextField rationale = new TextField();

    /**
     * @param action     the button's words, e.g. "Reject step"
     * @param rationale  what the user already typed, or null when the decision takes no rationale
     */
    ConfirmDialog(Window owner, String title, String question, String action, String rationale) {
        initOwner(owner);
        setTitle(title);
        setHeaderText(question);
        ButtonType confirm = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep", ButtonBar.ButtonData.CANCEL_CLOSE);
        getDialogPane().getButtonTypes().addAll(confirm, keep);
        getDialogPane().getStylesheets().add(io.ossaat.console.layout.MainWindow.STYLESHEET);
        Button confirmButton = (Button) getDialogPane().lookupButton(confirm);
        confirmButton.setId("confirm-action");
        confirmButton.getStyleClass().add("danger");
        getDialogPane().lookupButton(keep).setId("confirm-keep");
        getDialogPane().setId("confirm-dialog");
        if (rationale != null) {
            this.rationale.setId("confirm-rationale");
            this.rationale.setText(rationale);
            this.rationale.setPromptText("Why? (kept in the audit log)");
            this.rationale.setPrefColumnCount(36);
            getDialogPane().setContent(new VBox(6, new Label("Rationale"), this.rationale));
            Platform.runLater(this.rationale::requestFocus);
        } else {
            Platform.runLater(confirmButton::requestFocus);
        }
        setResultConverter(b -> b == confirm ? this.rationale.getText().strip() : null);
    }

    /** The rationale (empty if none) when confirmed, empty when the user kept things as they were. */
    Optional<String> ask() {
        return showAndWait();
    }
}

package io.ossaat.console.page;

import io.ossaat.console.model.Notification;
import io.ossaat.console.model.NotificationCenter;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

import java.util.function.Consumer;

/** The in-app banner: the latest notification with Open (the plan or the SLO) and Dismiss. */
public final class NotificationBanner extends HBox {

    public NotificationBanner(NotificationCenter center, Consumer<Notification> open) {
        setId("notification-banner");
        getStyleClass().add("notification-banner");
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        Label title = Ui.styled("", "text-bold");
        title.setId("notification-title");
        Label text = Ui.styled("", "notification-text");
        text.setId("notification-text");
        text.setMinWidth(0);
        // the title and the buttons keep their words; only the text (a plan id, a step) gives way, readable whole
        // in its tooltip
        title.setMinWidth(USE_PREF_SIZE);
        Ui.tooltipOwnText(text);
        Button openButton = new Button("Open");
        openButton.setMinWidth(USE_PREF_SIZE);
        openButton.setId("notification-open");
        openButton.getStyleClass().add("accent");
        Button dismiss = new Button("Dismiss");
        dismiss.setId("notification-dismiss");
        dismiss.setMinWidth(USE_PREF_SIZE);
        dismiss.setOnAction(e -> center.dismiss());
        getChildren().addAll(title, text, Ui.hgrow(), openButton, dismiss);
        center.latestProperty().subscribe(n -> {
            setVisible(n != null);
            setManaged(n != null);
            if (n != null) {
                title.setText(n.title());
                text.setText(n.text());
                openButton.setOnAction(e -> {
                    center.dismiss();
                    open.accept(n);
                });
            }
        });
    }
}

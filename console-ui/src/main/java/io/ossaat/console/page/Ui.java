package io.ossaat.console.page;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/** Small view helpers shared by the pages. */
public final class Ui {

    static final List<String> STATUS_CLASSES = List.of("ok", "live", "elevated", "high", "critical", "page", "ticket",
            "none", "connecting", "reconnecting", "stopped", "unavailable", "up", "ready", "down", "unknown", "pending", "waiting_approval",
            "queued", "running", "retrying", "completed", "failed", "rejected", "dead_lettered", "cancelled", "not_judged");

    private Ui() {
    }

    public static Label pill(String text, String status) {
        Label l = new Label(text);
        l.getStyleClass().add("pill");
        l.setMinWidth(Region.USE_PREF_SIZE);
        setStatus(l, status);
        return l;
    }

    /** A pill whose text and colour follow an observable status word ("live", "reconnecting: …"). */
    public static Label pill(ObservableValue<String> status) {
        Label l = pill("", "none");
        Runnable apply = () -> {
            String s = status.getValue() == null ? "" : status.getValue();
            l.setText(s);
            setStatus(l, s);
        };
        status.addListener((o, a, b) -> apply.run());
        apply.run();
        return l;
    }

    /** Replaces the status style class of a node: the first word of {@code status}, lower case. */
    public static void setStatus(Node n, String status) {
        n.getStyleClass().removeAll(STATUS_CLASSES);
        if (status != null && !status.isBlank()) {
            String key = status.strip().split("[\\s:…]", 2)[0].toLowerCase(Locale.ROOT).replace(' ', '_');
            n.getStyleClass().add(key);
        }
    }

    /**
     * Cells that show their text and, on hover, the whole of it ({@code full} of the row, or the text itself when
     * null): a column too narrow for a goal, a summary or an id ends in "…" and would otherwise hide the rest.
     */
    public static <S> javafx.util.Callback<javafx.scene.control.TableColumn<S, String>,
            javafx.scene.control.TableCell<S, String>> tooltipCells(java.util.function.Function<S, String> full) {
        return column -> new javafx.scene.control.TableCell<>() {
            private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

            {
                tip.setWrapText(true);
                tip.setMaxWidth(600);
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                S row = getTableRow() == null ? null : getTableRow().getItem();
                String whole = empty || text == null ? null : full != null && row != null ? full.apply(row) : text;
                setText(empty ? null : text);
                tip.setText(whole);
                setTooltip(whole == null || whole.isBlank() ? null : tip);
            }
        };
    }

    /** A label whose tooltip always holds its whole text, for labels that may end in "…". */
    public static void tooltipOwnText(Label label) {
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(600);
        tip.textProperty().bind(label.textProperty());
        label.setTooltip(tip);
    }

    public static Region hgrow() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    public static HBox header(String title, String subtitle, Node... right) {
        Label t = new Label(title);
        t.getStyleClass().add("page-title");
        Label s = new Label(subtitle);
        s.getStyleClass().add("page-subtitle");
        HBox box = new HBox(t, s, hgrow());
        box.getChildren().addAll(right);
        box.getStyleClass().add("page-header");
        box.setAlignment(Pos.BASELINE_LEFT);
        return box;
    }

    public static VBox page(Node... children) {
        VBox v = new VBox(children);
        v.getStyleClass().add("page");
        return v;
    }

    public static Label styled(String text, String... classes) {
        Label l = new Label(text);
        l.getStyleClass().addAll(classes);
        return l;
    }
}

package io.ossaat.console.page;

import io.ossaat.console.client.Step;
import io.ossaat.console.client.States;
import io.ossaat.console.model.Format;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

import java.time.Instant;

/** One step of the timeline: a coloured dot, action, tool/capability, state, attempt, duration, summary, output. */
final class StepCell extends ListCell<Step> {

    private final Circle dot = new Circle(6);
    private final Label title = Ui.styled("", "step-title");
    private final Label state = Ui.pill("", "pending");
    private final Label meta = Ui.styled("", "step-meta");
    private final Label summary = Ui.styled("", "step-summary");
    private final Label output = Ui.styled("", "step-output");
    private final HBox row;

    StepCell() {
        dot.getStyleClass().add("dot");
        summary.setWrapText(true);
        Ui.tooltipOwnText(summary);
        output.setWrapText(true);
        VBox text = new VBox(3, new HBox(8, title, state), meta, summary, output);
        row = new HBox(10, dot, text);
        row.getStyleClass().add("step-row");
        row.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        text.setMaxWidth(Double.MAX_VALUE);
        meta.setWrapText(true);
        // cells as wide as the list, never wider: long lines wrap instead of scrolling sideways
        setPrefWidth(0);
        text.setMinWidth(0);
        HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
    }

    @Override
    protected void updateItem(Step s, boolean empty) {
        super.updateItem(s, empty);
        if (empty || s == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        title.setText(s.action());
        state.setText(States.label(s.state()));
        Ui.setStatus(state, s.state().wire());
        Ui.setStatus(dot, s.state().wire());
        StringBuilder m = new StringBuilder();
        m.append(s.tool() == null ? "" : s.tool());
        if (s.capabilityLabel() != null || s.capability() != null) {
            m.append(" · ").append(s.capabilityLabel() != null ? s.capabilityLabel() : s.capability());
        }
        m.append(" · attempt ").append(s.attempt());
        var d = s.duration(Instant.now());
        if (d != null) {
            m.append(" · ").append(Format.duration(d));
        }
        if (s.approvalRequired()) {
            m.append(" · needs approval");
        }
        meta.setText(m.toString());
        summary.setText(s.summary() == null ? "" : s.summary());
        summary.setManaged(s.summary() != null);
        summary.setVisible(s.summary() != null);
        String out = s.output();
        // the whole output on hover: the row shows at most 300 characters
        output.setTooltip(out == null || out.length() <= 300 ? null : new javafx.scene.control.Tooltip(out));
        if (out != null && out.length() > 300) {
            out = out.substring(0, 300) + "…";
        }
        output.setText(out == null ? "" : out);
        output.setManaged(out != null);
        output.setVisible(out != null);
        setGraphic(row);
        setText(null);
    }
}

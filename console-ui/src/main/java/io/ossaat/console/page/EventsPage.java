package io.ossaat.console.page;

import io.ossaat.console.client.PlanEvent;
import io.ossaat.console.client.States;
import io.ossaat.engine.events.EventState;
import io.ossaat.engine.plans.StepState;
import io.ossaat.console.model.EventsModel;
import io.ossaat.console.model.Format;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/** The live event log with filters by plan and state. */
public final class EventsPage extends VBox {

    private static final String ALL = "all states";

    private final EventsModel model;
    private final TableView<PlanEvent> table = new TableView<>();

    private final java.util.function.Consumer<String> openPlan;

    /** @param openPlan shows a plan by id (double-click or Enter on an event) */
    public EventsPage(EventsModel model, java.util.function.Consumer<String> openPlan) {
        this.model = model;
        this.openPlan = openPlan;
        getStyleClass().add("page");
        setId("events-page");
        createView();
    }

    private void createView() {
        TextField plan = new TextField();
        plan.setId("event-plan-filter");
        plan.setPromptText("Filter by plan id");
        plan.setPrefWidth(260);
        plan.textProperty().addListener((o, a, b) -> model.filterByPlan(b));
        ComboBox<String> state = new ComboBox<>();
        state.setId("event-state-filter");
        List<String> states = new ArrayList<>(List.of(ALL));
        for (StepState s : StepState.values()) {
            states.add(States.label(s));
        }
        state.getItems().setAll(states);
        state.getSelectionModel().selectFirst();
        state.valueProperty().addListener((o, a, b) ->
                model.filterByState(b == null || b.equals(ALL) ? null : States.stepOfLabel(b)));
        Button clear = new Button("Clear log");
        clear.setOnAction(e -> model.clear());
        Label count = Ui.styled("", "page-subtitle");
        count.setId("event-count");
        // with a filter on, say how many of the received events it shows
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String received = Format.count(model.receivedProperty().get()) + " events received";
            boolean filtered = !model.planFilterProperty().get().isBlank() || model.stateFilterProperty().get() != null;
            return filtered ? Format.count(model.visibleEvents().size()) + " shown of " + received : received;
        }, model.receivedProperty(), model.planFilterProperty(), model.stateFilterProperty(), model.visibleEvents()));
        HBox toolbar = new HBox(10, plan, state, clear, Ui.hgrow(), count);
        toolbar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        table.setId("events-table");
        table.setPlaceholder(Ui.styled("Waiting for events… they appear here as steps change state.", "empty-hint"));
        table.getColumns().setAll(List.of(
                column("Time", 84, 84, e -> Format.time(e.occurredAt())),
                column("Seq", 60, 50, e -> Long.toString(e.seq())),
                column("Plan", 104, 90, e -> Format.shortId(e.planId())),
                column("Step", 140, 110, e -> e.stepId() == null ? "(plan)" : e.stepId()),
                stateColumn(),
                column("Attempt", 78, 78, e -> Integer.toString(e.attempt())),
                column("Summary", 380, 120, e -> e.summary() == null ? "" : e.summary())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(model.visibleEvents());
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<PlanEvent> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openPlan.accept(row.getItem().planId());
                }
            });
            return row;
        });
        table.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            PlanEvent selected = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && selected != null) {
                openPlan.accept(selected.planId());
                e.consume();
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        getChildren().addAll(Ui.header("Events", "Every step transition, as it happens",
                Ui.pill(model.streamStatusProperty())), toolbar, table);
    }

    /** @param min what the column keeps in a narrow window (the smallest is 1024 px): its text or pill whole */
    private static TableColumn<PlanEvent, String> column(String title, double width, double min,
                                                          java.util.function.Function<PlanEvent, String> value) {
        TableColumn<PlanEvent, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(Ui.tooltipCells(title.equals("Plan") ? PlanEvent::planId : null));
        c.setPrefWidth(width);
        c.setMinWidth(min);
        c.setSortable(false);
        return c;
    }

    private static TableColumn<PlanEvent, EventState> stateColumn() {
        TableColumn<PlanEvent, EventState> c = new TableColumn<>("State");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().state()));
        c.setCellFactory(x -> new TableCell<>() {
            @Override
            protected void updateItem(EventState s, boolean empty) {
                super.updateItem(s, empty);
                setGraphic(empty || s == null ? null : Ui.pill(States.label(s), s.wire()));
            }
        });
        c.setPrefWidth(150);
        c.setMinWidth(150); // "waiting approval" whole
        c.setSortable(false);
        return c;
    }
}

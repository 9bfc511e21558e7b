package io.ossaat.console.page;

import io.ossaat.console.client.Plan;
import io.ossaat.console.client.States;
import io.ossaat.engine.plans.PlanState;
import io.ossaat.console.client.Step;
import io.ossaat.console.model.Format;
import io.ossaat.console.model.PlansModel;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Plans table with filter and search, and the selected plan's detail: step timeline, approve/reject, cancel. */
public final class PlansPage extends VBox {

    private static final String ALL = "all states";
    /** The page width below which the table's columns no longer fit beside the detail. */
    static final double SIDE_BY_SIDE_WIDTH = 980;

    private final PlansModel model;
    private final TableView<Plan> table = new TableView<>();
    private final ListView<Step> timeline = new ListView<>();
    private VBox content;
    private final TextField search = new TextField();
    private final ComboBox<String> stateFilter = new ComboBox<>();
    private final TextField rationale = new TextField();
    private final Button newPlan = new Button("New plan");
    private boolean syncing;

    public PlansPage(PlansModel model) {
        this.model = model;
        getStyleClass().add("page");
        setId("plans-page");
        createView();
        initListeners();
    }

    /** Puts the plan's timeline (bars per attempt) above the step list. */
    public void addTimeline(javafx.scene.Node view) {
        content.getChildren().add(content.getChildren().size() - 2, view);
    }

    public Button newPlanButton() {
        return newPlan;
    }

    /** Opens the new-plan dialog and creates the plan it returns. */
    public void openNewPlanDialog() {
        new NewPlanDialog(window(), model.agents()).showAndWait().ifPresent(model::create);
    }

    private void createView() {
        newPlan.setId("new-plan");
        newPlan.getStyleClass().add("accent");
        newPlan.setOnAction(e -> openNewPlanDialog());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());

        search.setId("plan-search");
        search.setPromptText("Search id, goal, agent, workspace");
        search.setPrefWidth(320);
        stateFilter.setId("plan-state-filter");
        List<String> states = new ArrayList<>(List.of(ALL));
        for (PlanState s : PlanState.values()) {
            states.add(States.label(s));
        }
        stateFilter.getItems().setAll(states);
        stateFilter.getSelectionModel().selectFirst();
        Label error = Ui.styled("", "error-text");
        error.textProperty().bind(model.errorProperty());
        Label notice = Ui.styled("", "notice-text");
        notice.textProperty().bind(model.noticeProperty());
        HBox toolbar = new HBox(10, search, stateFilter, Ui.hgrow(), error, notice);
        toolbar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        createTable();
        VBox detail = createDetail();
        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        detailScroll.setFitToHeight(true);
        SplitPane split = new SplitPane(table, detailScroll);
        split.setId("plans-split");
        split.setDividerPositions(0.58);
        VBox.setVgrow(split, Priority.ALWAYS);
        // too narrow for the table's columns beside the detail: the detail moves below the table
        widthProperty().subscribe(w -> {
            Orientation o = w.doubleValue() < SIDE_BY_SIDE_WIDTH ? Orientation.VERTICAL : Orientation.HORIZONTAL;
            if (split.getOrientation() != o) {
                split.setOrientation(o);
                split.setDividerPositions(o == Orientation.HORIZONTAL ? 0.58 : 0.45);
            }
        });

        getChildren().addAll(
                Ui.header("Plans", "Goals, their steps, and the approvals they wait for", refresh, newPlan),
                toolbar, split);
    }

    private void createTable() {
        table.setId("plans-table");
        table.setPlaceholder(Ui.styled("No plans yet. Press Ctrl+N to create one.", "empty-hint"));
        TableColumn<Plan, String> id = new TableColumn<>("Id");
        id.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Format.shortId(c.getValue().id())));
        id.setCellFactory(Ui.tooltipCells(Plan::id));
        fixed(id, 96);
        TableColumn<Plan, String> goal = new TableColumn<>("Goal");
        goal.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().goal()));
        goal.setCellFactory(Ui.tooltipCells(null));
        goal.setPrefWidth(200);
        goal.setMinWidth(120);
        TableColumn<Plan, PlanState> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().state()));
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(PlanState s, boolean empty) {
                super.updateItem(s, empty);
                setGraphic(empty || s == null ? null : Ui.pill(States.label(s), s.wire()));
            }
        });
        fixed(state, 136);
        TableColumn<Plan, String> created = new TableColumn<>("Created");
        created.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Format.shortDateTime(c.getValue().createdAt())));
        fixed(created, 110);
        TableColumn<Plan, Plan> progress = new TableColumn<>("Progress");
        progress.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        progress.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();
            private final Label text = new Label();
            private final HBox box = new HBox(6, bar, text);
            private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

            {
                bar.setPrefWidth(50);
                box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                box.getStyleClass().add("plan-progress");
            }

            @Override
            protected void updateItem(Plan p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                bar.setProgress(p.progress());
                // the bar takes the plan's outcome colour, so a failed plan never shows a "done" bar
                Ui.setStatus(bar, p.state().wire());
                box.setUserData(p.id());
                text.setText(p.completedSteps() + "/" + p.steps().size());
                tip.setText(p.completedSteps() + " of " + p.steps().size() + " steps completed; plan "
                        + States.label(p.state()));
                setTooltip(tip);
                setGraphic(box);
            }
        });
        fixed(progress, 96);
        progress.setSortable(false);
        table.getColumns().setAll(List.of(id, goal, state, created, progress));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        var sorted = new javafx.collections.transformation.SortedList<>(model.visiblePlans());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
    }

    private static void fixed(TableColumn<?, ?> c, double width) {
        c.setMinWidth(width);
        c.setPrefWidth(width);
        c.setMaxWidth(width);
    }

    private VBox createDetail() {
        Label empty = Ui.styled("Select a plan to see its steps.", "empty-hint");
        Label goal = Ui.styled("", "plan-goal");
        goal.setId("plan-goal");
        goal.setWrapText(true);
        goal.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        GridPane meta = new GridPane(12, 4);
        Label stateLabel = Ui.pill("", "pending");
        Button cancel = new Button("Cancel plan");
        cancel.setId("cancel-plan");
        cancel.getStyleClass().addAll("danger", "button-outlined");
        cancel.disableProperty().bind(model.canCancelBinding().not());
        cancel.setOnAction(e -> confirmCancel());

        VBox decision = createDecisionBox();

        timeline.setId("step-timeline");
        timeline.setCellFactory(l -> new StepCell());
        timeline.setPlaceholder(Ui.styled("This plan has no steps yet.", "empty-hint"));
        VBox.setVgrow(timeline, Priority.ALWAYS);
        timeline.setMinHeight(200);

        HBox titleRow = new HBox(10, stateLabel, Ui.hgrow(), cancel);
        titleRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        content = new VBox(10, titleRow, goal, meta, decision, Ui.styled("Steps", "text-bold"), timeline);
        VBox.setVgrow(content, Priority.ALWAYS);
        StackPane holder = new StackPane(empty, content);
        VBox.setVgrow(holder, Priority.ALWAYS);
        VBox detail = new VBox(holder);
        detail.getStyleClass().add("detail");

        model.selectedPlanProperty().subscribe(p -> {
            content.setVisible(p != null);
            empty.setVisible(p == null);
            if (p == null) {
                timeline.getItems().clear();
                return;
            }
            goal.setText(p.goal());
            stateLabel.setText(States.label(p.state()));
            Ui.setStatus(stateLabel, p.state().wire());
            meta.getChildren().clear();
            int r = 0;
            for (String[] kv : new String[][]{{"Plan", p.id()}, {"Agent", Objects.toString(p.agent(), "default")},
                    {"Workspace", Objects.toString(p.workspace(), "–")}, {"Created", Format.dateTime(p.createdAt())},
                    {"Updated", Format.dateTime(p.updatedAt())}}) {
                Label v = new Label(kv[1]);
                v.setWrapText(true);
                Ui.tooltipOwnText(v); // a long workspace path has no space to wrap at
                Label k = Ui.styled(kv[0], "meta-key");
                k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                meta.addRow(r++, k, v);
            }
            syncing = true;
            try {
                String selectedStep = model.selectedStepProperty().get() == null ? null
                        : model.selectedStepProperty().get().id();
                timeline.getItems().setAll(p.steps());
                if (selectedStep != null) {
                    p.steps().stream().filter(s -> s.id().equals(selectedStep)).findFirst()
                            .ifPresent(s -> timeline.getSelectionModel().select(s));
                }
            } finally {
                syncing = false;
            }
        });
        return detail;
    }

    private VBox createDecisionBox() {
        Label what = new Label();
        what.setId("decision-what");
        what.setWrapText(true);
        what.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        what.textProperty().bind(model.actionableStepProperty().map(s -> "“" + s.action() + "” waits for your approval"
                + (s.capabilityLabel() != null ? " (" + s.capabilityLabel() + ")" : "") + "."
                + (s.approvalCommand() != null ? "\nIt runs: " + s.approvalCommand() : "")
                + (s.approvalPatchSha256() != null ? "\nIt applies the patch with SHA-256 " + s.approvalPatchSha256() : "")));
        rationale.setId("rationale");
        rationale.setPromptText("Rationale (optional, kept in the audit log)");
        rationale.setTooltip(new javafx.scene.control.Tooltip("Why you approve or reject: recorded with your token's"
                + " label and shown in the plan's timeline"));
        Button approve = new Button("Approve (A)");
        approve.setId("approve");
        approve.getStyleClass().add("success");
        approve.disableProperty().bind(model.canDecideBinding().not());
        approve.setOnAction(e -> decide(true));
        approve.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button reject = new Button("Reject (R)");
        reject.setId("reject");
        reject.getStyleClass().add("danger");
        reject.disableProperty().bind(model.canDecideBinding().not());
        reject.setOnAction(e -> decide(false));
        reject.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // the field has a row of its own: beside the buttons a narrow detail cut its prompt short
        VBox box = new VBox(8, what, rationale, new HBox(8, Ui.hgrow(), approve, reject));
        box.getStyleClass().add("decision-box");
        box.visibleProperty().bind(model.actionableStepProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        box.setPadding(new Insets(10));
        return box;
    }

    /** Approve is one deliberate action; reject cannot be undone, so it asks first with the rationale focused. */
    private void decide(boolean approve) {
        if (approve) {
            model.approve(rationale.getText());
            rationale.clear();
            return;
        }
        Step step = model.actionableStepProperty().get();
        Plan plan = model.selectedPlanProperty().get();
        if (step == null || plan == null) {
            return;
        }
        new ConfirmDialog(window(), "Reject step", "Reject “" + step.action() + "” of plan "
                + Format.shortId(plan.id()) + "? The plan stops and its later steps are cancelled.", "Reject step",
                rationale.getText()).ask().ifPresent(why -> {
                    model.reject(why);
                    rationale.clear();
                });
    }

    private void confirmCancel() {
        Plan plan = model.selectedPlanProperty().get();
        if (plan == null) {
            return;
        }
        new ConfirmDialog(window(), "Cancel plan", "Cancel plan " + Format.shortId(plan.id()) + " (“"
                + Format.abbreviate(plan.goal(), 80) + "”)? Its unfinished steps are cancelled; this cannot be undone.", "Cancel plan", null)
                .ask().ifPresent(ignored -> model.cancelSelected());
    }

    private javafx.stage.Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void initListeners() {
        search.textProperty().addListener((o, a, b) -> model.search(b));
        stateFilter.valueProperty().addListener((o, a, b) ->
                model.filterByState(b == null || b.equals(ALL) ? null : States.planOfLabel(b)));

        table.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (!syncing && p != null && (model.selectedPlanProperty().get() == null
                    || !model.selectedPlanProperty().get().id().equals(p.id()))) {
                model.select(p.id());
            }
        });
        model.selectedPlanProperty().subscribe(p -> {
            if (p == null) {
                return;
            }
            Plan inTable = table.getSelectionModel().getSelectedItem();
            if (inTable == null || !inTable.id().equals(p.id()) || inTable != p) {
                syncing = true;
                try {
                    table.getItems().stream().filter(x -> x.id().equals(p.id())).findFirst()
                            .ifPresent(x -> table.getSelectionModel().select(x));
                } finally {
                    syncing = false;
                }
            }
        });
        timeline.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (!syncing) {
                model.selectStep(s == null ? null : s.id());
            }
        });

        // A / R approve or reject the waiting step unless the user is typing
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof TextInputControl || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            if (e.getCode() == KeyCode.A && model.canDecideBinding().get()) {
                decide(true);
                e.consume();
            } else if (e.getCode() == KeyCode.R && model.canDecideBinding().get()) {
                decide(false);
                e.consume();
            }
        });
    }
}

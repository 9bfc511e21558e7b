package io.ossaat.console.model;

import io.ossaat.console.client.Agent;
import io.ossaat.console.client.EngineClient;
import io.ossaat.console.client.NewPlan;
import io.ossaat.console.client.Plan;
import io.ossaat.console.client.PlanEvent;
import io.ossaat.engine.plans.PlanState;
import io.ossaat.console.client.Step;
import io.ossaat.engine.plans.StepState;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Plans: the table (state filter + text search), the selected plan with its step timeline, and the commands
 * on it (approve / reject the waiting step with a rationale, cancel, create). Live events refresh the plans
 * they name.
 */
public final class PlansModel {

    private static final int PAGE_SIZE = 200;

    private final EngineClient client;
    private final ObservableList<Plan> plans = FXCollections.observableArrayList();
    private final ObservableList<Agent> agents = FXCollections.observableArrayList();
    private final FilteredList<Plan> visible = new FilteredList<>(plans, p -> true);
    /** One read-only view, kept: listeners on a view that is thrown away are lost when it is collected. */
    private final ObservableList<Plan> visibleReadOnly = FXCollections.unmodifiableObservableList(visible);
    private final ReadOnlyObjectWrapper<PlanState> stateFilter = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper search = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Plan> selectedPlan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Step> selectedStep = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Step> actionableStep = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final Set<String> refreshing = new HashSet<>();
    private final Set<String> refreshAgain = new HashSet<>();
    private int inFlight;
    private final BooleanBinding canDecide = actionableStep.isNotNull().and(busy.not());
    private final BooleanBinding canCancel = Bindings.createBooleanBinding(
            () -> selectedPlan.get() != null && !selectedPlan.get().state().isFinal() && !busy.get(),
            selectedPlan, busy);

    public PlansModel(EngineClient client) {
        this.client = client;
    }

    // ---- read-only state ------------------------------------------------------------------------------

    /** The engine's agents, for the New-plan dialog; empty until the engine has answered. */
    public ObservableList<Agent> agents() {
        return FXCollections.unmodifiableObservableList(agents);
    }

    /** The plans that pass the state filter and the search, newest first. */
    public ObservableList<Plan> visiblePlans() {
        return visibleReadOnly;
    }

    public ReadOnlyObjectProperty<PlanState> stateFilterProperty() {
        return stateFilter.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty searchProperty() {
        return search.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Plan> selectedPlanProperty() {
        return selectedPlan.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Step> selectedStepProperty() {
        return selectedStep.getReadOnlyProperty();
    }

    /** The step that approve/reject act on: the selected step if it waits, else the plan's first waiting step. */
    public ReadOnlyObjectProperty<Step> actionableStepProperty() {
        return actionableStep.getReadOnlyProperty();
    }

    public BooleanBinding canDecideBinding() {
        return canDecide;
    }

    public BooleanBinding canCancelBinding() {
        return canCancel;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The last thing that worked on the shown plan ("Approved apply_changes of plan …"), for a status line. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    // ---- commands -------------------------------------------------------------------------------------

    public void refresh() {
        // without the list the dialog cannot tell which agents need a patch; the engine still says so on create
        Background.run("agents-list", client::agents, agents::setAll, t -> { });
        call("plans-list", () -> client.listPlans(null, PAGE_SIZE, null), page -> {
            plans.setAll(page.items());
            Plan sel = selectedPlan.get();
            if (sel != null) {
                plans.stream().filter(p -> p.id().equals(sel.id())).findFirst().ifPresent(this::showPlan);
            }
        });
    }

    /** null shows every state. */
    public void filterByState(PlanState state) {
        stateFilter.set(state);
        applyFilter();
    }

    public void search(String text) {
        search.set(text == null ? "" : text);
        applyFilter();
    }

    public void select(String planId) {
        Plan current = selectedPlan.get();
        if (current == null || !current.id().equals(planId)) {
            // "Approved apply_changes of …" was about the plan that was shown; it would mislead next to another one
            notice.set("");
        }
        if (planId == null) {
            selectedPlan.set(null);
            selectedStep.set(null);
            updateActionable();
            return;
        }
        plans.stream().filter(p -> p.id().equals(planId)).findFirst().ifPresent(this::showPlan);
        call("plan-get", () -> client.getPlan(planId), this::upsert);
    }

    public void selectStep(String stepId) {
        Plan p = selectedPlan.get();
        selectedStep.set(p == null || stepId == null ? null : p.step(stepId).orElse(null));
        updateActionable();
    }

    public void create(NewPlan newPlan) {
        call("plan-create", () -> client.createPlan(newPlan), created -> {
            upsert(created);
            showPlan(created);
            notice.set("Created plan " + Format.shortId(created.id()));
        });
    }

    public void approve(String rationale) {
        decide(true, rationale);
    }

    public void reject(String rationale) {
        decide(false, rationale);
    }

    public void cancelSelected() {
        Plan p = selectedPlan.get();
        if (p == null || p.state().isFinal()) {
            return;
        }
        call("plan-cancel", () -> client.cancel(p.id()), updated -> {
            upsert(updated);
            notice.set("Cancelled plan " + Format.shortId(updated.id()));
        });
    }

    /** Live events: re-reads each named plan once per batch (FX thread). */
    void onEvents(List<PlanEvent> events) {
        Set<String> ids = new HashSet<>();
        for (PlanEvent e : events) {
            ids.add(e.planId());
        }
        for (String id : ids) {
            if (id != null) {
                refresh(id);
            }
        }
    }

    /**
     * One read of a plan at a time; events that arrive while it is in flight ask for one more read afterwards, so
     * the last change is never lost behind a read that started before it.
     */
    private void refresh(String id) {
        if (!refreshing.add(id)) {
            refreshAgain.add(id);
            return;
        }
        Runnable done = () -> {
            refreshing.remove(id);
            if (refreshAgain.remove(id)) {
                refresh(id);
            }
        };
        Background.run("plan-event", () -> client.getPlan(id), p -> {
            upsert(p);
            done.run();
        }, t -> done.run());
    }

    // ---- internals ------------------------------------------------------------------------------------

    private void decide(boolean approve, String rationale) {
        Plan p = selectedPlan.get();
        Step s = actionableStep.get();
        if (p == null || s == null || busy.get()) {
            return;
        }
        call(approve ? "step-approve" : "step-reject",
                () -> approve ? client.approve(p.id(), s.id(), rationale) : client.reject(p.id(), s.id(), rationale),
                updated -> {
                    upsert(updated);
                    notice.set((approve ? "Approved " : "Rejected ") + s.action() + " of plan "
                            + Format.shortId(p.id()));
                });
    }

    /**
     * Puts a fresher copy of a plan into the list (newest first) and into the detail if it is selected. Answers can
     * arrive out of order (a create's answer after an event's re-read): an older copy never replaces a newer one.
     */
    private void upsert(Plan p) {
        int i = indexOf(p.id());
        if (i >= 0) {
            Plan known = plans.get(i);
            if (known.updatedAt() != null && p.updatedAt() != null && p.updatedAt().isBefore(known.updatedAt())) {
                return;
            }
            plans.set(i, p);
        } else {
            int at = 0;
            while (at < plans.size() && plans.get(at).createdAt() != null && p.createdAt() != null
                    && plans.get(at).createdAt().isAfter(p.createdAt())) {
                at++;
            }
            plans.add(at, p);
        }
        if (selectedPlan.get() != null && selectedPlan.get().id().equals(p.id())) {
            showPlan(p);
        }
    }

    private void showPlan(Plan p) {
        String stepId = selectedStep.get() != null && selectedPlan.get() != null
                && selectedPlan.get().id().equals(p.id()) ? selectedStep.get().id() : null;
        selectedPlan.set(p);
        selectedStep.set(stepId == null ? null : p.step(stepId).orElse(null));
        updateActionable();
    }

    private void updateActionable() {
        Plan p = selectedPlan.get();
        Step s = selectedStep.get();
        actionableStep.set(p == null ? null : s != null && s.state() == StepState.WAITING_APPROVAL ? s
                : p.firstWaitingStep().orElse(null));
    }

    private int indexOf(String id) {
        for (int i = 0; i < plans.size(); i++) {
            if (plans.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private void applyFilter() {
        PlanState state = stateFilter.get();
        String q = search.get().strip().toLowerCase(Locale.ROOT);
        visible.setPredicate(p -> (state == null || p.state() == state)
                && (q.isEmpty() || contains(p.id(), q) || contains(p.goal(), q) || contains(p.agent(), q)
                || contains(p.workspace(), q)));
    }

    private static boolean contains(String field, String q) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(q);
    }

    private <T> void call(String name, java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> done) {
        inFlight++;
        busy.set(true);
        error.set("");
        Background.run(name, work, v -> {
            busy.set(--inFlight > 0);
            done.accept(v);
        }, t -> {
            busy.set(--inFlight > 0);
            error.set(Background.message(t));
        });
    }
}

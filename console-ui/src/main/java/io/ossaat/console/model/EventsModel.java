package io.ossaat.console.model;

import io.ossaat.console.client.PlanEvent;
import io.ossaat.engine.plans.StepState;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.List;
import java.util.Locale;

/** The live event log, newest first and bounded, with filters by plan and by state. */
public final class EventsModel {

    private final int capacity;
    private final ObservableList<PlanEvent> events = FXCollections.observableArrayList();
    private final FilteredList<PlanEvent> visible = new FilteredList<>(events, e -> true);
    /** One read-only view, kept: listeners on a view that is thrown away are lost when it is collected. */
    private final ObservableList<PlanEvent> visibleReadOnly = FXCollections.unmodifiableObservableList(visible);
    private final ReadOnlyStringWrapper planFilter = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<StepState> stateFilter = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper streamStatus = new ReadOnlyStringWrapper("connecting…");
    private final ReadOnlyIntegerWrapper received = new ReadOnlyIntegerWrapper();

    public EventsModel(int capacity) {
        this.capacity = capacity;
    }

    public ObservableList<PlanEvent> visibleEvents() {
        return visibleReadOnly;
    }

    public ReadOnlyStringProperty planFilterProperty() {
        return planFilter.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StepState> stateFilterProperty() {
        return stateFilter.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty streamStatusProperty() {
        return streamStatus.getReadOnlyProperty();
    }

    /** Events received since start (also those since dropped from the bounded log). */
    public ReadOnlyIntegerProperty receivedProperty() {
        return received.getReadOnlyProperty();
    }

    /** Shows only events of plans whose id contains {@code planId}; blank shows all. */
    public void filterByPlan(String planId) {
        planFilter.set(planId == null ? "" : planId.strip());
        applyFilter();
    }

    /** null shows every state. */
    public void filterByState(StepState state) {
        stateFilter.set(state);
        applyFilter();
    }

    public void clear() {
        events.clear();
    }

    void append(List<PlanEvent> batch) {
        received.set(received.get() + batch.size());
        List<PlanEvent> newestFirst = batch.reversed();
        events.addAll(0, newestFirst);
        if (events.size() > capacity) {
            events.remove(capacity, events.size());
        }
    }

    void status(String status) {
        streamStatus.set(status);
    }

    private void applyFilter() {
        String plan = planFilter.get().toLowerCase(Locale.ROOT);
        StepState state = stateFilter.get();
        visible.setPredicate(e -> (plan.isEmpty() || e.planId() != null && e.planId().toLowerCase(Locale.ROOT).contains(plan))
                && (state == null || e.state().wire().equals(state.wire())));
    }
}

package io.ossaat.console.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.ossaat.console.client.EngineClient;
import io.ossaat.console.client.Plan;
import io.ossaat.console.client.PlanEvent;
import io.ossaat.console.client.Step;
import io.ossaat.console.client.StreamListener;
import io.ossaat.console.client.Subscription;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The timeline of the plan shown in the plan detail: follows that plan's event stream ({@code /v1/plans/{id}/events},
 * its history first, then live) and rebuilds the {@link PlanTimeline} as events arrive; the selected row's step
 * comes from the latest read of the plan.
 */
public final class PlanTimelineModel {
    private final EngineClient client;
    private final Supplier<Instant> now;
    private final ReadOnlyObjectWrapper<PlanTimeline> timeline = new ReadOnlyObjectWrapper<>(PlanTimeline.EMPTY);
    private final ReadOnlyObjectWrapper<PlanTimeline.Row> selected = new ReadOnlyObjectWrapper<>();
    private final List<PlanEvent> events = new ArrayList<>();
    private Plan plan;
    private Subscription subscription;

    public PlanTimelineModel(EngineClient client) {
        this(client, Instant::now);
    }

    PlanTimelineModel(EngineClient client, Supplier<Instant> now) {
        this.client = client;
        this.now = now;
    }

    public ReadOnlyObjectProperty<PlanTimeline> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PlanTimeline.Row> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Follows {@code p}'s events (a new plan) or takes its newer state (the same plan); null stops (FX thread). */
    public void show(Plan p) {
        boolean same = plan != null && p != null && plan.id().equals(p.id());
        plan = p;
        if (same) {
            rebuild();
            return;
        }
        close();
        events.clear();
        selected.set(null);
        timeline.set(PlanTimeline.EMPTY);
        if (p == null) {
            return;
        }
        String planId = p.id();
        FxBatcher<PlanEvent> batcher = new FxBatcher<>(batch -> {
            if (plan != null && plan.id().equals(planId)) {
                events.addAll(batch);
                rebuild();
            }
        });
        subscription = client.subscribePlanEvents(planId, new StreamListener<>() {
            @Override
            public void onItem(PlanEvent item) {
                batcher.offer(item);
            }

            @Override
            public void onStatus(Status status, String detail) {
                // the plans page shows the connection; a reconnect resumes after the last event seen
            }
        });
    }

    /** Selects the row of {@code stepId}'s {@code attempt}, or nothing. */
    public void select(PlanTimeline.Row row) {
        selected.set(row);
    }

    /** The selected row's step as the plan last read has it (output, summary), or null. */
    public Step selectedStep() {
        PlanTimeline.Row r = selected.get();
        return r == null || plan == null ? null : plan.step(r.stepId()).orElse(null);
    }

    /** Redraws open bars up to now (a live plan's running step grows). */
    public void tick() {
        if (timeline.get().rows().stream().anyMatch(r -> r.segments().stream().anyMatch(s -> s.to() == null))) {
            rebuild();
        }
    }

    public void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    private void rebuild() {
        List<String> order = plan == null ? List.of() : plan.steps().stream().map(Step::id).toList();
        Instant last = events.isEmpty() ? null : events.getLast().occurredAt();
        Instant t = now.get();
        PlanTimeline built = PlanTimeline.of(events, order, last != null && last.isAfter(t) ? last : t);
        timeline.set(built);
        PlanTimeline.Row sel = selected.get();
        if (sel != null) {
            selected.set(built.rows().stream().filter(r -> r.stepId().equals(sel.stepId()) && r.attempt() == sel.attempt())
                    .findFirst().orElse(null));
        }
    }
}

package io.ossaat.console.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.ossaat.console.client.PlanEvent;
import io.ossaat.console.client.SloStatus;
import io.ossaat.engine.plans.StepState;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Turns the engine's events into notifications: a step that starts waiting for a human, an SLO that starts
 * paging. The in-app banner shows the latest one whenever its kind is switched on; desktop notifiers (the system
 * tray) hear of it too unless it is quiet time. The replayed tail of old events (a console that just connected)
 * notifies nothing: only events from {@link #REPLAY_GRACE} before the center started on count. FX thread only.
 */
public final class NotificationCenter {
    static final Duration REPLAY_GRACE = Duration.ofSeconds(30);

    private final Clock clock;
    private final Instant started;
    private final ReadOnlyObjectWrapper<Notification> latest = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<NotificationSettings> settings = new SimpleObjectProperty<>(NotificationSettings.DEFAULTS);
    private final List<Consumer<Notification>> desktop = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Set<String> seen = new HashSet<>();

    public NotificationCenter(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    /** The banner's notification; null when dismissed. */
    public ReadOnlyObjectProperty<Notification> latestProperty() {
        return latest.getReadOnlyProperty();
    }

    public ObjectProperty<NotificationSettings> settingsProperty() {
        return settings;
    }

    /** A desktop notifier (the system tray); hears only what is on and outside the quiet hours. */
    public void addDesktop(Consumer<Notification> notifier) {
        desktop.add(notifier);
    }

    public void dismiss() {
        latest.set(null);
    }

    /** Events from the console's event stream. */
    public void onEvents(List<PlanEvent> events) {
        for (PlanEvent e : events) {
            if (e.state() == StepState.WAITING_APPROVAL && e.stepId() != null
                    && !e.occurredAt().isBefore(started.minus(REPLAY_GRACE))
                    && seen.add("step/" + e.planId() + "/" + e.stepId() + "/" + e.attempt())) {
                raise(new Notification(Notification.Kind.STEP_WAITING, "A step waits for you",
                        e.stepId() + " of plan " + e.planId() + (e.summary() == null ? "" : ": " + e.summary()),
                        e.planId(), e.stepId(), e.occurredAt()));
            }
        }
    }

    /** Follows the tiles' alerts: a move to PAGE notifies, once per move. */
    public void watch(ObservableList<SloTile> tiles) {
        tiles.forEach(this::watch);
        tiles.addListener((ListChangeListener<SloTile>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::watch);
            }
        });
    }

    private void watch(SloTile tile) {
        tile.alertProperty().subscribe((was, now) -> {
            if (now == SloStatus.Alert.PAGE && was != SloStatus.Alert.PAGE) {
                paging(tile);
            }
        });
        if (tile.alertProperty().get() == SloStatus.Alert.PAGE) {
            paging(tile);
        }
    }

    private void paging(SloTile tile) {
        SloStatus s = tile.statusProperty().get();
        raise(new Notification(Notification.Kind.SLO_PAGING, "SLO " + tile.name() + " is paging",
                tile.name() + " burns its error budget fast" + (s == null ? "" : String.format(java.util.Locale.ROOT,
                        ": %.1f %% of it left", s.budgetRemaining() * 100)), tile.name(), null, clock.instant()));
    }

    private void raise(Notification n) {
        NotificationSettings s = settings.get();
        if (!s.enabled(n.kind())) {
            return;
        }
        latest.set(n);
        if (!s.quietAt(LocalTime.now(clock))) {
            desktop.forEach(d -> d.accept(n));
        }
    }
}

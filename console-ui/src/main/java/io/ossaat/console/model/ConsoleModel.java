package io.ossaat.console.model;

import io.ossaat.console.client.EngineClient;
import io.ossaat.console.client.PlanEvent;
import io.ossaat.console.client.StreamListener;
import io.ossaat.console.client.Subscription;
import io.ossaat.console.host.EngineHost;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The root view-model: start-up first, then a {@link Session} with one model per page once the engine is
 * ready, and the page the user is on.
 */
public final class ConsoleModel implements AutoCloseable {

    /** The page models of one connected engine; they share one event stream. */
    public static final class Session {
        private final OverviewModel overview;
        private final PlansModel plans;
        private final EventsModel events;
        private final EngineModel engine;
        private final SloDetailModel sloDetail;
        private final PlanTimelineModel timeline;
        private final NotificationCenter notifications = new NotificationCenter(java.time.Clock.systemUTC());
        private final Subscription eventStream;

        Session(EngineHost.Mode mode, String notice, EngineClient client, LogTail log) {
            overview = new OverviewModel(client);
            plans = new PlansModel(client);
            events = new EventsModel(2_000);
            engine = new EngineModel(mode, notice, client, log, 500);
            sloDetail = new SloDetailModel(client);
            timeline = new PlanTimelineModel(client);
            plans.selectedPlanProperty().subscribe(timeline::show);
            notifications.watch(overview.tiles());
            FxBatcher<PlanEvent> batcher = new FxBatcher<>(batch -> {
                events.append(batch);
                plans.onEvents(batch);
                notifications.onEvents(batch);
            });
            eventStream = client.subscribeEvents(new StreamListener<>() {
                @Override
                public void onItem(PlanEvent item) {
                    batcher.offer(item);
                }

                @Override
                public void onStatus(Status status, String detail) {
                    Background.fx(() -> events.status(switch (status) {
                        case CONNECTING -> "connecting…";
                        case OPEN -> "live";
                        case RETRYING -> "reconnecting: " + detail;
                        case CLOSED -> "stopped";
                    }));
                }
            });
            overview.start();
            plans.refresh();
            engine.refresh();
        }

        public OverviewModel overview() {
            return overview;
        }

        public PlansModel plans() {
            return plans;
        }

        public EventsModel events() {
            return events;
        }

        public EngineModel engine() {
            return engine;
        }

        public SloDetailModel sloDetail() {
            return sloDetail;
        }

        public PlanTimelineModel timeline() {
            return timeline;
        }

        public NotificationCenter notifications() {
            return notifications;
        }

        void close() {
            eventStream.close();
            overview.stop();
            timeline.close();
        }
    }

    private final LogTail log;
    private final StartupModel startup;
    private final ReadOnlyObjectWrapper<Session> session = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(Page.OVERVIEW);

    public ConsoleModel(EngineHost host, LogTail log) {
        this.log = log;
        this.startup = new StartupModel(host, log);
        startup.stateProperty().addListener((obs, was, now) -> {
            if (now == StartupModel.State.READY && session.get() == null) {
                session.set(new Session(host.mode(), host.notice(), startup.clientProperty().get(), log));
            }
        });
    }

    public StartupModel startup() {
        return startup;
    }

    public ReadOnlyObjectProperty<Session> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    public LogTail log() {
        return log;
    }

    /** Starts the engine (see {@link StartupModel#start()}). */
    public void start() {
        startup.start();
    }

    public void navigate(Page to) {
        Session s = session.get();
        if (to == Page.SLO && s != null && s.sloDetail.nameProperty().get() == null) {
            // the SLO picked on the overview, else the first one
            SloTile pick = s.overview.selectedProperty().get() != null ? s.overview.selectedProperty().get()
                    : s.overview.tiles().isEmpty() ? null : s.overview.tiles().getFirst();
            if (pick != null) {
                s.sloDetail.open(pick.name());
            }
        }
        page.set(to);
    }

    /** What a notification is about: the plan (its waiting step selected) or the SLO's detail. */
    public void open(Notification n) {
        Session s = session.get();
        if (s == null) {
            return;
        }
        switch (n.kind()) {
            case STEP_WAITING -> {
                page.set(Page.PLANS);
                s.plans.select(n.target());
            }
            case SLO_PAGING -> openSlo(n.target());
        }
    }

    /** The SLO detail page showing {@code sloName}. */
    public void openSlo(String sloName) {
        Session s = session.get();
        if (s != null) {
            s.sloDetail.open(sloName);
            page.set(Page.SLO);
        }
    }

    @Override
    public void close() {
        if (session.get() != null) {
            session.get().close();
        }
        startup.host().close();
    }
}

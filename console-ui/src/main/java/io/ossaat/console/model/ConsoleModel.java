package io.ossaat.console.model;

import io.ossaat.console.client.EngineClient;
import io.ossaat.console.client.PlanEvent;
import io.ossaat.console.client.StreamListener;
import io.ossaat.console.client.Subscription;
import io.ossaat.console.host.EngineHost;
import io.ossaat.console.settings.ConsoleSettings;
import io.ossaat.console.settings.Settings;
import io.ossaat.console.settings.TokenChange;
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

        Session(EngineHost.Mode mode, String notice, java.util.Map<String, String> facts, EngineClient client, LogTail log) {
            overview = new OverviewModel(client);
            plans = new PlansModel(client);
            events = new EventsModel(2_000);
            engine = new EngineModel(mode, notice, facts, client, log, 500);
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
    private final Settings settings;
    private NotificationSettings notificationSettings = NotificationSettings.DEFAULTS;
    private final ReadOnlyObjectWrapper<Session> session = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(Page.OVERVIEW);
    private final java.util.Map<String, String> consoleFacts = new java.util.LinkedHashMap<>();

    /** A console without saved settings (tests): no Settings dialog. */
    public ConsoleModel(EngineHost host, LogTail log) {
        this(host, null, log);
    }

    /**
     * @param host     the engine to show first (the command line's, else the saved settings')
     * @param settings the saved settings the Settings dialog edits; null for none
     */
    public ConsoleModel(EngineHost host, Settings settings, LogTail log) {
        this.log = log;
        this.settings = settings;
        this.startup = new StartupModel(host, log);
        if (settings != null) {
            notificationSettings = settings.settingsProperty().get().notifications();
        }
        startup.stateProperty().addListener((obs, was, now) -> {
            if (now == StartupModel.State.READY && session.get() == null) {
                EngineHost h = startup.host();
                java.util.Map<String, String> facts = new java.util.LinkedHashMap<>(h.facts());
                facts.putAll(consoleFacts);
                Session s = new Session(h.mode(), h.notice(), facts, startup.clientProperty().get(), log);
                s.notifications.settingsProperty().set(notificationSettings);
                session.set(s);
            }
        });
    }

    /** The saved settings, if this console has them. */
    public java.util.Optional<Settings> settings() {
        return java.util.Optional.ofNullable(settings);
    }

    /**
     * Saves what the Settings dialog gives and applies it: notifications at once, the theme through whoever watches
     * {@link Settings#settingsProperty()}, and a new engine (another URL or token, or the other mode) by closing this
     * one's session and starting that one, without a restart. The embedded engine's port and data dir count from
     * its next start.
     *
     * @throws io.ossaat.console.settings.InvalidSetting when something is refused (nothing is applied then)
     */
    public void applySettings(ConsoleSettings next, TokenChange token) {
        if (settings.save(next, token)) {
            switchEngine(settings.host());
        }
        notificationSettings = next.notifications();
        if (session.get() != null) {
            session.get().notifications.settingsProperty().set(notificationSettings);
        }
    }

    /** Closes the current engine's session and shows {@code host} instead (start-up screen first). */
    public void switchEngine(EngineHost host) {
        Session s = session.get();
        session.set(null);
        if (s != null) {
            s.close();
        }
        startup.switchHost(host);
    }

    /** Adds a line to the Engine page's card (e.g. where the demo repositories are); call before {@link #start}. */
    public void addFact(String name, String value) {
        consoleFacts.put(name, value);
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

package io.ossaat.console.layout;

import io.ossaat.console.ConsoleTheme;
import io.ossaat.console.model.ConsoleModel;
import io.ossaat.console.model.Page;
import io.ossaat.console.page.AboutDialog;
import io.ossaat.console.page.EnginePage;
import io.ossaat.console.page.EventsPage;
import io.ossaat.console.page.OverviewPage;
import io.ossaat.console.host.TrayNotifier;
import io.ossaat.console.page.NotificationBanner;
import io.ossaat.console.page.PlanTimelineView;
import io.ossaat.console.page.PlansPage;
import io.ossaat.console.page.SettingsDialog;
import io.ossaat.console.page.SloDetailPage;
import io.ossaat.console.page.StartupPage;
import io.ossaat.console.page.Ui;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.Map;

/** The window shell: the start-up screen until the engine is ready, then side navigation and the pages. */
public final class MainWindow extends StackPane {

    public static final String STYLESHEET = MainWindow.class.getResource("/io/ossaat/console/console.css").toExternalForm();

    private final ConsoleModel model;
    private final Map<Page, Node> pages = new EnumMap<>(Page.class);
    private final Map<Page, ToggleButton> nav = new EnumMap<>(Page.class);
    private final StackPane content = new StackPane();
    private PlansPage plansPage;

    private TrayNotifier tray;
    private boolean trayTried;

    public MainWindow(ConsoleModel model) {
        this.model = model;
        setId("main-window");
        model.settings().ifPresent(s -> s.settingsProperty().subscribe(c -> ConsoleTheme.apply(c.theme())));
        model.sessionProperty().subscribe(this::showSession);
        model.pageProperty().subscribe(this::show);
        sceneProperty().subscribe(this::installShortcuts);
    }

    public Node page(Page p) {
        return pages.get(p);
    }

    public PlansPage plansPage() {
        return plansPage;
    }

    private void showSession(ConsoleModel.Session session) {
        pages.clear();
        plansPage = null;
        if (session == null) {
            // the start-up screen: before the first engine, and while switching to another one
            StartupPage startup = new StartupPage(model.startup());
            model.settings().ifPresent(x -> startup.onOpenSettings(this::openSettings));
            getChildren().setAll(startup);
            return;
        }
        plansPage = new PlansPage(session.plans());
        plansPage.addTimeline(new PlanTimelineView(session.timeline()));
        pages.put(Page.OVERVIEW, new OverviewPage(session.overview()));
        pages.put(Page.PLANS, plansPage);
        pages.put(Page.EVENTS, new EventsPage(session.events(), planId -> {
            model.navigate(Page.PLANS);
            session.plans().select(planId);
        }));
        pages.put(Page.ENGINE, new EnginePage(session.engine()));
        pages.put(Page.SLO, new SloDetailPage(session.sloDetail(), session.overview().tiles()));
        ((OverviewPage) pages.get(Page.OVERVIEW)).onOpenSlo(model::openSlo);

        BorderPane shell = new BorderPane(content);
        shell.setLeft(sidebar());
        shell.setTop(new NotificationBanner(session.notifications(), model::open));
        if (!trayTried) {
            trayTried = true;
            tray = TrayNotifier.install(model::open);
        }
        if (tray != null) {
            session.notifications().addDesktop(tray);
        }
        getChildren().setAll(shell);
        show(model.pageProperty().get());
    }

    private VBox sidebar() {
        Label brand = Ui.styled("ossaat", "brand");
        Label sub = Ui.styled("agent orchestrator console", "brand-sub");
        VBox box = new VBox(brand, sub);
        box.getStyleClass().add("sidebar");
        ToggleGroup group = new ToggleGroup();
        int i = 1;
        for (Page p : Page.values()) {
            ToggleButton b = new ToggleButton();
            Label title = new Label(p.title());
            Label key = Ui.styled("Ctrl+" + i++, "nav-key");
            HBox graphic = new HBox(title, Ui.hgrow(), key);
            graphic.setMaxWidth(Double.MAX_VALUE);
            graphic.prefWidthProperty().bind(b.widthProperty().subtract(22));
            b.setGraphic(graphic);
            b.setId("nav-" + p.name().toLowerCase(java.util.Locale.ROOT));
            b.getStyleClass().setAll("nav-item");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setToggleGroup(group);
            b.setOnAction(e -> model.navigate(p));
            nav.put(p, b);
            box.getChildren().add(b);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Label conn = Ui.styled(model.startup().host().mode().label() + " engine", "conn");
        Label keys = Ui.styled("Ctrl+N new plan · A / R approve / reject", "conn");
        Hyperlink about = new Hyperlink("About ossaat (F1)");
        about.setId("about");
        about.getStyleClass().add("conn");
        about.setOnAction(e -> showAbout());
        box.getChildren().addAll(spacer, conn, keys);
        if (model.settings().isPresent()) {
            Hyperlink settings = new Hyperlink("Settings (Ctrl+,)");
            settings.setId("open-settings");
            settings.getStyleClass().add("conn");
            settings.setOnAction(e -> openSettings());
            box.getChildren().add(settings);
        }
        box.getChildren().add(about);
        return box;
    }

    /** The Settings dialog (Ctrl+,), shown; what it saves applies at once where it can. Null without settings. */
    public SettingsDialog openSettings() {
        if (model.settings().isEmpty()) {
            return null;
        }
        SettingsDialog d = new SettingsDialog(getScene().getWindow(), model.settings().get(), model::applySettings);
        d.show();
        return d;
    }

    private void showAbout() {
        new AboutDialog(getScene().getWindow(), model.startup().host().mode().label()).show();
    }

    private void show(Page p) {
        if (pages.isEmpty()) {
            return; // no session yet
        }
        content.getChildren().setAll(pages.get(p));
        if (p == Page.ENGINE && model.sessionProperty().get() != null) {
            model.sessionProperty().get().engine().refresh(); // the uptime and component states as of now
        }
        ToggleButton b = nav.get(p);
        if (b != null) {
            b.setSelected(true);
        }
    }

    private void installShortcuts(Scene scene) {
        if (scene == null) {
            return;
        }
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
        for (Page p : Page.values()) {
            scene.getAccelerators().put(new KeyCodeCombination(digits[p.ordinal()], KeyCombination.SHORTCUT_DOWN),
                    () -> {
                        if (model.sessionProperty().get() != null) {
                            model.navigate(p);
                        }
                    });
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), () -> {
            if (plansPage != null) {
                model.navigate(Page.PLANS);
                plansPage.openNewPlanDialog();
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F1), this::showAbout);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN),
                this::openSettings);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), () -> {
            if (model.sessionProperty().get() != null) {
                model.sessionProperty().get().plans().refresh();
                model.sessionProperty().get().engine().refresh();
            }
        });
    }
}

package io.ossaat.console.model;

import io.ossaat.console.client.EngineClient;
import io.ossaat.console.host.EngineHost;
import io.ossaat.console.host.StartupListener;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/** The engine's start-up: one row per phase, an error with a retry, and the client once ready. */
public final class StartupModel {

    public enum State { IDLE, STARTING, READY, FAILED }

    public enum PhaseStatus { PENDING, RUNNING, DONE, FAILED }

    /** One start-up phase as the start-up screen shows it. */
    public static final class PhaseRow {
        private final String name;
        private final ReadOnlyObjectWrapper<PhaseStatus> status = new ReadOnlyObjectWrapper<>(PhaseStatus.PENDING);
        private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");

        PhaseRow(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public ReadOnlyObjectProperty<PhaseStatus> statusProperty() {
            return status.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty detailProperty() {
            return detail.getReadOnlyProperty();
        }
    }

    private EngineHost host;
    /** Counts {@link #switchHost} calls: what a start begun for an earlier host reports is dropped. */
    private int generation;
    private final LogTail log;
    private final ObservableList<PhaseRow> phases = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a view that is thrown away are lost when it is collected. */
    private final ObservableList<PhaseRow> phasesReadOnly = FXCollections.unmodifiableObservableList(phases);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<EngineClient> client = new ReadOnlyObjectWrapper<>();

    public StartupModel(EngineHost host, LogTail log) {
        this.host = host;
        this.log = log;
        resetPhases();
    }

    public EngineHost host() {
        return host;
    }

    public ObservableList<PhaseRow> phases() {
        return phasesReadOnly;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EngineClient> clientProperty() {
        return client.getReadOnlyProperty();
    }

    /** Starts the engine on a background thread. Does nothing while starting or ready. */
    public void start() {
        if (state.get() == State.STARTING || state.get() == State.READY) {
            return;
        }
        resetPhases();
        error.set("");
        state.set(State.STARTING);
        int started = generation;
        EngineHost starting = host;
        StartupListener listener = new StartupListener() {
            @Override
            public void phaseStarted(String phase) {
                Background.fx(() -> {
                    if (started == generation) {
                        row(phase, PhaseStatus.RUNNING, "");
                    }
                });
                log.add("start-up: " + phase + " …");
            }

            @Override
            public void phaseDone(String phase, String detail) {
                Background.fx(() -> {
                    if (started == generation) {
                        row(phase, PhaseStatus.DONE, detail == null ? "" : detail);
                    }
                });
                log.add("start-up: " + phase + " done" + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"));
            }

            @Override
            public void log(String line) {
                log.add(line);
            }
        };
        Background.run("startup", () -> starting.start(listener), c -> {
            if (started != generation) {
                return; // switched away meanwhile: the switch closes that host, and this client with it
            }
            client.set(c);
            state.set(State.READY);
        }, t -> {
            if (started != generation) {
                return;
            }
            String message = Background.message(t);
            phases.stream().filter(p -> p.status.get() == PhaseStatus.RUNNING).forEach(p -> {
                p.status.set(PhaseStatus.FAILED);
                p.detail.set("failed");
            });
            log.add("start-up failed: " + message);
            error.set(message);
            state.set(State.FAILED);
        });
    }

    /** After a failure: stops whatever half started and starts again. */
    public void retry() {
        if (state.get() != State.FAILED) {
            return;
        }
        EngineHost failed = host;
        Background.run("startup-close", () -> {
            failed.close();
            return null;
        }, v -> {
            state.set(State.IDLE);
            start();
        }, t -> {
            state.set(State.IDLE);
            start();
        });
    }

    /**
     * Shows another engine (FX thread): closes the current host off the FX thread (an embedded engine takes a moment
     * to stop) and then starts {@code next}. Whatever the old host still reports is ignored.
     */
    public void switchHost(EngineHost next) {
        EngineHost old = host;
        int gen = ++generation;
        host = next;
        client.set(null);
        error.set("");
        state.set(State.IDLE);
        resetPhases();
        log.add("switching to the " + next.mode().label() + " engine");
        Background.run("startup-switch", () -> {
            old.close();
            return null;
        }, v -> startIfCurrent(gen), t -> startIfCurrent(gen));
    }

    private void startIfCurrent(int gen) {
        if (gen == generation) {
            start();
        }
    }

    private void row(String phase, PhaseStatus status, String detail) {
        PhaseRow r = phases.stream().filter(p -> p.name.equals(phase)).findFirst().orElseGet(() -> {
            PhaseRow added = new PhaseRow(phase);
            phases.add(added);
            return added;
        });
        r.status.set(status);
        r.detail.set(detail);
    }

    private void resetPhases() {
        List<PhaseRow> rows = host.phases().stream().map(PhaseRow::new).toList();
        phases.setAll(rows);
    }
}

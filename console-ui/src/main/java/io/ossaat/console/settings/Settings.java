package io.ossaat.console.settings;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.ossaat.console.client.EngineClient;
import io.ossaat.console.host.AttachedEngineHost;
import io.ossaat.console.host.EmbeddedEngineHost;
import io.ossaat.console.host.EngineFlags;
import io.ossaat.console.host.EngineHost;
import io.ossaat.console.host.StartupListener;
import io.ossaat.console.model.LogTail;
import io.ossaat.engine.config.ConfigLoader.Setting;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The console's saved settings as the running console sees them: loaded at start, saved (with the attach token)
 * by the Settings dialog, and the engine they name. Flags given on the command line win over the saved values for
 * that run ({@link #commandLineNote()} says which). FX thread.
 */
public final class Settings {
    private final SettingsStore store;
    private final EngineFlags commandLine;
    private final URI commandLineAttach;
    private final LogTail log;
    private final ReadOnlyObjectWrapper<ConsoleSettings> current;

    /**
     * @param commandLine       the engine flags given to {@code ./ossaat console}
     * @param commandLineAttach {@code --attach} (or {@code OSSAAT_ATTACH}), null when not given
     */
    public Settings(SettingsStore store, EngineFlags commandLine, URI commandLineAttach, LogTail log) {
        this.store = store;
        this.commandLine = commandLine;
        this.commandLineAttach = commandLineAttach;
        this.log = log;
        SettingsStore.Loaded loaded = store.load();
        loaded.problem().ifPresent(p -> log.add("settings: " + p));
        current = new ReadOnlyObjectWrapper<>(loaded.settings());
    }

    public ReadOnlyObjectProperty<ConsoleSettings> settingsProperty() {
        return current.getReadOnlyProperty();
    }

    public SettingsStore store() {
        return store;
    }

    /** Whether an attach token is saved (its value is never handed to the UI). */
    public boolean hasToken() {
        return Files.isRegularFile(store.tokenFile());
    }

    /**
     * Saves {@code next} and the token change; the saved token is dropped when the attach URL changes and no new one
     * is given, so a token is only ever sent to the engine it was entered for.
     *
     * @return true when the engine the settings name changed (the other mode, or another URL or token while attached)
     * @throws InvalidSetting when the settings or the token are refused; nothing is saved then
     */
    public boolean save(ConsoleSettings next, TokenChange token) {
        ConsoleSettings was = current.get();
        boolean urlChanged = !Objects.equals(was.attachUrl(), next.attachUrl());
        store.save(next);
        boolean tokenChanged = switch (token) {
            case TokenChange.Replace r -> {
                store.saveToken(r.token());
                yield true;
            }
            case TokenChange.Forget f -> {
                boolean had = hasToken();
                store.deleteToken();
                yield had;
            }
            case TokenChange.Keep k -> {
                if (urlChanged && hasToken()) {
                    store.deleteToken();
                    log.add("settings: the saved token was for " + was.attachUrl() + "; it is not sent to "
                            + next.attachUrl() + " (enter that engine's token in Settings)");
                    yield true;
                }
                yield false;
            }
        };
        current.set(next);
        log.add("settings: saved to " + store.file());
        return was.engine() != next.engine()
                || next.engine() == EngineHost.Mode.ATTACHED && (urlChanged || tokenChanged);
    }

    /** The engine the saved settings name (the command line aside). */
    public EngineHost host() {
        ConsoleSettings s = current.get();
        if (s.engine() == EngineHost.Mode.EMBEDDED) {
            return EmbeddedEngineHost.discover(embeddedFlags());
        }
        try {
            return new AttachedEngineHost(s.attachUrl(), store.token().orElse(null));
        } catch (InvalidSetting e) {
            return refused(e.getMessage());
        }
    }

    /** The command line's engine flags plus the saved port and data dir where the command line gives none. */
    public EngineFlags embeddedFlags() {
        ConsoleSettings s = current.get();
        List<String> args = new ArrayList<>(commandLine.args());
        var given = commandLine.settings();
        if (s.port() != null && !given.containsKey(Setting.PORT)) {
            args.add("--port");
            args.add(s.port().toString());
        }
        if (s.dataDir() != null && !given.containsKey(Setting.DATA_DIR)) {
            args.add("--data-dir");
            args.add(s.dataDir().toString());
        }
        return new EngineFlags(args);
    }

    /** What the command line of this run decides instead of the saved settings; empty when nothing. */
    public String commandLineNote() {
        List<String> parts = new ArrayList<>();
        if (commandLineAttach != null) {
            parts.add("--attach " + commandLineAttach);
        }
        var given = commandLine.settings();
        if (given.containsKey(Setting.PORT)) {
            parts.add("--port " + given.get(Setting.PORT));
        }
        if (given.containsKey(Setting.DATA_DIR)) {
            parts.add("--data-dir " + given.get(Setting.DATA_DIR));
        }
        return parts.isEmpty() ? "" : "This run was started with " + String.join(", ", parts)
                + ", which wins over the saved value until the console starts without it.";
    }

    /** An attached "engine" that only says why it cannot be reached (the token file is not safe to use). */
    private static EngineHost refused(String reason) {
        return new EngineHost() {
            @Override
            public Mode mode() {
                return Mode.ATTACHED;
            }

            @Override
            public List<String> phases() {
                return List.of(AttachedEngineHost.CONNECT);
            }

            @Override
            public EngineClient start(StartupListener listener) {
                listener.phaseStarted(AttachedEngineHost.CONNECT);
                throw new IllegalStateException(reason);
            }

            @Override
            public void close() {
            }
        };
    }
}

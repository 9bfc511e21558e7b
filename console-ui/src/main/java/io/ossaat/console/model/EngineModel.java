package io.ossaat.console.model;

import io.ossaat.console.client.EngineClient;
import io.ossaat.console.client.EngineInfo;
import io.ossaat.console.host.EngineHost;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** The engine page: how the console reaches the engine, the token, component states and recent log lines. */
public final class EngineModel {

    private final EngineClient client;
    private final LogTail log;
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper apiUrl = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper mcpUrl = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper metricsUrl = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper tokenShown = new ReadOnlyStringWrapper("–");
    private final ReadOnlyBooleanWrapper tokenRevealed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper postgres = new ReadOnlyStringWrapper("unknown");
    private final ReadOnlyStringWrapper redis = new ReadOnlyStringWrapper("unknown");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("unknown");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ObservableList<String> logLines = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a view that is thrown away are lost when it is collected. */
    private final ObservableList<String> logLinesReadOnly = FXCollections.unmodifiableObservableList(logLines);
    private final int maxLines;
    private String token;
    private final java.util.Map<String, String> facts;
    private final java.time.Instant connectedAt = java.time.Instant.now();
    private final ReadOnlyStringWrapper uptime = new ReadOnlyStringWrapper();

    public EngineModel(EngineHost.Mode mode, EngineClient client, LogTail log, int maxLines) {
        this(mode, "", java.util.Map.of(), client, log, maxLines);
    }

    /**
     * @param notice what the host wants pointed out (e.g. "port 7070 was taken ..."), or empty
     * @param facts  what the card lists about the engine (version, data dir, addresses), in order
     */
    public EngineModel(EngineHost.Mode mode, String notice, java.util.Map<String, String> facts, EngineClient client,
                       LogTail log, int maxLines) {
        this.notice.set(notice == null ? "" : notice);
        this.facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
        this.client = client;
        this.log = log;
        this.maxLines = maxLines;
        this.mode.set(mode.label());
        logLines.setAll(log.lines());
        log.listen(line -> Background.fx(() -> {
            logLines.add(line);
            if (logLines.size() > maxLines) {
                logLines.remove(0, logLines.size() - maxLines);
            }
        }));
    }

    public ReadOnlyStringProperty modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty apiUrlProperty() {
        return apiUrl.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mcpUrlProperty() {
        return mcpUrl.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty metricsUrlProperty() {
        return metricsUrl.getReadOnlyProperty();
    }

    /** The token masked ("••••1a2b") unless revealed. */
    public ReadOnlyStringProperty tokenProperty() {
        return tokenShown.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty tokenRevealedProperty() {
        return tokenRevealed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty postgresProperty() {
        return postgres.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redisProperty() {
        return redis.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** How the engine started, when the user should know (a fallback port); empty otherwise. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ObservableList<String> logLines() {
        return logLinesReadOnly;
    }

    /** Version, data dir, database and Redis addresses, ... as the host knows them, in order. */
    public java.util.Map<String, String> facts() {
        return facts;
    }

    /** Since when the console has had this engine, and for how long (as of the last refresh). */
    public ReadOnlyStringProperty uptimeProperty() {
        return uptime.getReadOnlyProperty();
    }

    // ---- commands -------------------------------------------------------------------------------------

    public void refresh() {
        uptime.set(Format.dateTime(connectedAt) + " (up " + Format.duration(java.time.Duration.between(connectedAt,
                java.time.Instant.now())) + ")");
        Background.run("engine-info", client::engineInfo, this::show, t -> error.set(Background.message(t)));
    }

    public void toggleToken() {
        tokenRevealed.set(!tokenRevealed.get());
        showToken();
    }

    /** Puts the token on the system clipboard (FX thread); false when there is none. */
    public boolean copyToken() {
        if (token == null) {
            return false;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(token);
        Clipboard.getSystemClipboard().setContent(content);
        log.add("token copied to the clipboard");
        return true;
    }

    private void show(EngineInfo info) {
        error.set("");
        apiUrl.set(info.apiUrl().toString());
        mcpUrl.set(info.mcpUrl().toString());
        metricsUrl.set(info.metricsUrl().toString());
        token = info.token();
        showToken();
        postgres.set(info.component("postgres"));
        redis.set(info.component("redis"));
        status.set(info.status());
    }

    private void showToken() {
        if (token == null) {
            tokenShown.set("none (engine runs without auth)");
        } else if (tokenRevealed.get()) {
            tokenShown.set(token);
        } else {
            tokenShown.set("•".repeat(12) + token.substring(Math.max(0, token.length() - 4)));
        }
    }
}

package io.ossaat.console.host;

import io.ossaat.console.client.EngineClient;
import io.ossaat.console.client.EngineException;
import io.ossaat.console.client.HttpEngineClient;

import java.net.URI;
import java.util.List;

/** A remote headless engine ({@code ./ossaat serve}) reached by URL and bearer token. */
public final class AttachedEngineHost implements EngineHost {

    public static final String CONNECT = "Connect";
    public static final String AUTHENTICATE = "Authenticate";
    public static final String READY = "Ready";

    private final URI url;
    private final String token;
    private HttpEngineClient client;

    public AttachedEngineHost(URI url, String token) {
        this.url = url;
        this.token = token;
    }

    public URI url() {
        return url;
    }

    @Override
    public Mode mode() {
        return Mode.ATTACHED;
    }

    @Override
    public List<String> phases() {
        return List.of(CONNECT, AUTHENTICATE, READY);
    }

    @Override
    public synchronized EngineClient start(StartupListener listener) {
        close();
        HttpEngineClient c = new HttpEngineClient(url, token);
        try {
            listener.phaseStarted(CONNECT);
            if (!c.healthy()) {
                throw new IllegalStateException("No engine answers at " + url
                        + ": is `./ossaat serve` running there?");
            }
            listener.phaseDone(CONNECT, url.toString());

            listener.phaseStarted(AUTHENTICATE);
            try {
                c.listPlans(null, 1, null);
            } catch (EngineException.Api e) {
                if (e.status() == 401 || e.status() == 403) {
                    throw new IllegalStateException("The engine refused the token (HTTP " + e.status()
                            + "): enter the content of its data dir's `token` file in Settings (Ctrl+,), or pass --token or"
                            + " set OSSAAT_TOKEN.");
                }
                throw e;
            }
            listener.phaseDone(AUTHENTICATE, token == null ? "no token" : "bearer token accepted");

            listener.phaseStarted(READY);
            var info = c.engineInfo();
            listener.phaseDone(READY, info.status());
            listener.log("attached to " + url + " (" + info.status() + ")");
            client = c;
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}

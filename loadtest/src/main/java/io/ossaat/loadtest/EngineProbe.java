package io.ossaat.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Asks a running engine for its counts: {@code GET /v1/slo} (with the token) and {@code GET /metrics}. */
public final class EngineProbe {
    private final URI base;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public EngineProbe(URI base, String token) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.token = token == null || token.isBlank() ? null : token.trim();
    }

    public Snapshot snapshot(List<Objective> objectives) {
        String now = Instant.now().toString();
        Map<String, Counts> engine = Map.of();
        Response slo = get("v1/slo");
        if (slo.status() == 200) {
            engine = SloApi.count(slo.body());
        } else if (slo.status() == 401 || slo.status() == 403) {
            throw new EngineException("the engine refused the token (" + slo.status()
                                      + "): pass --token or set OSSAAT_TOKEN");
        } else if (slo.status() != 404) {
            throw new EngineException("GET /v1/slo answered " + slo.status() + ": " + abbreviate(slo.body()));
        }
        Response metrics = get("metrics");
        if (metrics.status() != 200) {
            throw new EngineException("GET /metrics answered " + metrics.status());
        }
        return new Snapshot(now, engine, MetricsText.count(metrics.body(), objectives));
    }

    /** One answer: status and body. */
    public record Response(int status, String body) {
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Response post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        return send(b);
    }

    private Response send(HttpRequest.Builder b) {
        b.timeout(Duration.ofSeconds(10)).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpRequest req = b.build();
        try {
            HttpResponse<String> res = client.send(req, HttpResponse.BodyHandlers.ofString());
            return new Response(res.statusCode(), res.body());
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new EngineException(req.method() + " " + req.uri() + " failed: " + why
                                      + (e instanceof java.net.ConnectException ? " (is the engine running there?)" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }

    /** The engine could not be asked. */
    public static final class EngineException extends RuntimeException {
        public EngineException(String message) {
            super(message);
        }
    }
}

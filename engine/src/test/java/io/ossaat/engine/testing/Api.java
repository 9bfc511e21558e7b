package io.ossaat.engine.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Json;

/** A tiny HTTP client for tests: real requests over a real socket, JSON parsed with the engine's mapper. */
public final class Api {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    public Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    public String base() {
        return base;
    }

    public String token() {
        return token;
    }

    public Response get(String path) {
        return send(builder(path).GET().build());
    }

    public Response post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response post(String path, String json, String header, String value) {
        return send(builder(path).header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient http() {
        return http;
    }

    /**
     * A create-plan body: the goal, the agent (null: the default) and the patch that the default and careful
     * agents' apply_changes step applies (the engine refuses their plans without it).
     */
    public static String planBody(String goal, String agent) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("goal", goal);
        if (agent != null) {
            body.put("agent", agent);
        }
        body.put("inputs", Map.of("patch", Workspaces.NEW_FILE_PATCH));
        return Json.write(body);
    }

    public static String planBody(String goal) {
        return planBody(goal, null);
    }

    /** Creates a plan of the default agent (with a patch, no workspace) and returns its JSON. */
    public JsonNode createPlan(String goal) {
        Response r = post("/v1/plans", planBody(goal));
        if (r.status() != 201) {
            throw new AssertionError("create failed: " + r.status() + " " + r.body());
        }
        return r.json();
    }
}

package io.ossaat.engine.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Json;

/** Reads an SSE stream on a background thread and collects the events. */
public final class SseReader implements AutoCloseable {
    /** One SSE event as received. */
    public record SseEvent(String id, String name, JsonNode data) {
        public long seq() {
            return Long.parseLong(id);
        }
    }

    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile int status;
    private volatile HttpResponse<java.io.InputStream> response;

    public SseReader(Api api, String path, String lastEventId) {
        HttpRequest.Builder b = api.builder(path).timeout(java.time.Duration.ofMinutes(10))
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpRequest request = b.build();
        thread = Thread.ofVirtual().start(() -> {
            try {
                response = api.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
                status = response.statusCode();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String id = null;
                    String name = null;
                    StringBuilder data = new StringBuilder();
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.isEmpty()) {
                            if (!data.isEmpty()) {
                                events.add(new SseEvent(id, name, Json.MAPPER.readTree(data.toString())));
                            }
                            id = null;
                            name = null;
                            data.setLength(0);
                        } else if (line.startsWith(":")) {
                            comments.add(line.substring(1).trim());
                        } else if (line.startsWith("id:")) {
                            id = line.substring(3).trim();
                        } else if (line.startsWith("event:")) {
                            name = line.substring(6).trim();
                        } else if (line.startsWith("data:")) {
                            data.append(line.substring(5).trim());
                        }
                    }
                }
            } catch (Exception e) {
                // closed by the test
            }
        });
    }

    public List<SseEvent> events() {
        return events;
    }

    public List<String> comments() {
        return comments;
    }

    public int status() {
        return status;
    }

    @Override
    public void close() {
        thread.interrupt();
        if (response != null) {
            try {
                response.body().close();
            } catch (Exception ignored) {
                // already closed
            }
        }
    }
}

package io.ossaat.console.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A server-sent event stream read on one virtual thread: parses {@code event:/id:/data:} lines, hands each
 * complete event to a consumer, and reconnects with {@code Last-Event-ID} and capped backoff until closed.
 */
final class SseStream implements Subscription {

    record Event(String id, String name, String data) {
    }

    private final HttpClient http;
    private final HttpRequest.Builder request;
    private final Consumer<Event> onEvent;
    private final StreamListener<?> status;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Stream<String> current;
    private volatile String lastEventId;
    private final Thread thread;

    SseStream(HttpClient http, URI uri, String token, String name, Consumer<Event> onEvent, StreamListener<?> status) {
        this.http = http;
        this.request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        this.onEvent = onEvent;
        this.status = status;
        this.thread = Thread.ofVirtual().name("sse-" + name).start(this::run);
    }

    private void run() {
        long backoffMs = 250;
        while (!closed.get()) {
            status.onStatus(StreamListener.Status.CONNECTING, null);
            String reason;
            try {
                HttpRequest.Builder b = request.copy();
                if (lastEventId != null) {
                    b.setHeader("Last-Event-ID", lastEventId);
                }
                HttpResponse<Stream<String>> res = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
                if (res.statusCode() != 200) {
                    String body = String.join("\n", res.body().limit(50).toList());
                    reason = Wire.problem(res.statusCode(), body).message() + " (HTTP " + res.statusCode() + ")";
                } else {
                    backoffMs = 250;
                    status.onStatus(StreamListener.Status.OPEN, null);
                    try (Stream<String> lines = res.body()) {
                        current = lines;
                        if (closed.get()) {
                            break;
                        }
                        read(lines.iterator());
                    }
                    reason = "stream ended";
                }
            } catch (IOException | RuntimeException e) {
                reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                break;
            }
            if (closed.get()) {
                break;
            }
            status.onStatus(StreamListener.Status.RETRYING, reason);
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                break;
            }
            backoffMs = Math.min(backoffMs * 2, 5_000);
        }
        status.onStatus(StreamListener.Status.CLOSED, null);
    }

    private void read(Iterator<String> lines) {
        String id = null;
        String name = null;
        StringBuilder data = null;
        while (!closed.get() && lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (data != null) {
                    if (id != null) {
                        lastEventId = id;
                    }
                    onEvent.accept(new Event(id, name == null ? "message" : name, data.toString()));
                }
                id = null;
                name = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue; // comment / heartbeat
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { } // "retry" and unknown fields are ignored
            }
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Stream<String> s = current;
            if (s != null) {
                s.close();
            }
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.ossaat.engine.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of {@code /v1/events} as a browser's EventSource behaves behind a load balancer: when its stream ends or
 * its instance is gone, it connects to the next instance and resumes with {@code Last-Event-ID} (the last id it
 * received, an opaque string). It keeps every event id in the order received.
 */
final class ResumingSseReader implements AutoCloseable {
    private final List<String> instances;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> ids = new CopyOnWriteArrayList<>();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;
    private volatile HttpResponse<java.io.InputStream> current;

    ResumingSseReader(List<String> instances, int first, String token) {
        this.instances = instances;
        this.token = token;
        this.thread = Thread.ofPlatform().daemon().name("sse-reader-" + first).start(() -> run(first));
    }

    private void run(int first) {
        int at = first;
        while (!closed) {
            try {
                read(instances.get(at % instances.size()));
            } catch (Exception e) {
                // the instance is gone or the stream broke: resume elsewhere
            }
            if (closed) {
                return;
            }
            reconnects.incrementAndGet();
            at++;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void read(String base) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(30)).GET();
        if (!ids.isEmpty()) {
            b.header("Last-Event-ID", ids.getLast());
        }
        HttpResponse<java.io.InputStream> response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        current = response;
        if (response.statusCode() != 200) {
            response.body().close();
            return;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            boolean data = false;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data && id != null) {
                        ids.add(id);
                    }
                    id = null;
                    data = false;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data = true;
                }
            }
        }
    }

    /** Every event id received, in order, over all connections. */
    List<String> ids() {
        return ids;
    }

    int reconnects() {
        return reconnects.get();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        HttpResponse<java.io.InputStream> r = current;
        if (r != null) {
            try {
                r.body().close();
            } catch (Exception ignored) {
                // already closed
            }
        }
    }
}

package io.ossaat.loadtest;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;

/**
 * The bare Helidon SE hello-world the {@code /healthz} benchmark compares the engine with: one route that answers
 * the engine's {@code /healthz} body, no filters, no metrics, no auth, the same Helidon version and JVM.
 */
final class HelloWorld {
    private static final byte[] BODY = "{\"status\":\"ok\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private HelloWorld() {
    }

    static WebServer start(String bind, int port) {
        return WebServer.builder()
                .host(bind)
                .port(port)
                .featuresDiscoverServices(false)
                .routing(r -> r.get("/healthz", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "application/json");
                    res.send(BODY);
                }))
                .build()
                .start();
    }
}

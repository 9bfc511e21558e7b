package io.ossaat.engine.web;

import java.util.List;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** The last route: unknown paths get 404, known paths with the wrong method 405 with {@code Allow}. */
final class Fallback {
    private final RouteTable table;

    Fallback(RouteTable table) {
        this.table = table;
    }

    void handle(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        Set<String> allowed = table.allowed(path);
        if (allowed.isEmpty()) {
            Problems.send(res, 404, "Not Found", "no such resource: " + Problems.safe(path), List.of());
        } else {
            res.header(HeaderNames.ALLOW, String.join(", ", allowed));
            Problems.send(res, 405, "Method Not Allowed", req.prologue().method().text() + " is not allowed on "
                    + Problems.safe(path) + "; allowed: " + String.join(", ", allowed), List.of());
        }
    }
}

package io.ossaat.engine.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import io.ossaat.engine.Json;

/** Writes JSON bodies with the one mapper. */
final class Responses {
    private Responses() {
    }

    static void json(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(body));
    }
}

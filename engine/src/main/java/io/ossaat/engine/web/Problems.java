package io.ossaat.engine.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import io.ossaat.engine.Json;
import io.ossaat.engine.problems.ApiProblem;
import io.ossaat.engine.storage.DataAccessException;

/** The one place where failures become RFC 9457 {@code application/problem+json} responses. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final System.Logger LOG = System.getLogger(Problems.class.getName());

    private Problems() {
    }

    static void register(HttpRouting.Builder routing) {
        routing.error(ApiProblem.class, (req, res, e) -> send(res, e.status(), e.title(), e.detail(), e.errors()))
                .error(JsonBody.UnsupportedType.class,
                        (req, res, e) -> send(res, 415, "Unsupported Media Type", e.getMessage(), List.of()))
                .error(DataAccessException.class, (req, res, e) -> {
                    switch (e.kind()) {
                        case UNAVAILABLE -> {
                            LOG.log(System.Logger.Level.WARNING, "database unavailable on " + req.path().path() + ": "
                                    + e.getMessage());
                            res.header(HeaderNames.RETRY_AFTER, "1");
                            send(res, 503, "Service Unavailable",
                                    "the database is not available right now; retry shortly", List.of());
                        }
                        case BAD_DATA -> send(res, 400, "Bad Request", "the request holds a value the database cannot"
                                + " store (such as a NUL character or a number out of range)", List.of());
                        case BUG -> {
                            LOG.log(System.Logger.Level.ERROR, "database error on " + req.path().path(), e);
                            send(res, 500, "Internal Server Error", "an unexpected error occurred; it has been logged",
                                    List.of());
                        }
                    }
                })
                .error(io.helidon.http.RequestException.class, (req, res, e) ->
                        send(res, e.status().code(), e.status().reasonPhrase(), safe(e.getMessage()), List.of()))
                .error(io.helidon.http.HttpException.class, (req, res, e) ->
                        send(res, e.status().code(), e.status().reasonPhrase(), safe(e.getMessage()), List.of()))
                .error(Throwable.class, (req, res, e) -> {
                    LOG.log(System.Logger.Level.ERROR, "unexpected failure on " + req.prologue().method().text()
                            + " " + req.path().path(), e);
                    send(res, 500, "Internal Server Error", "an unexpected error occurred; it has been logged",
                            List.of());
                });
    }

    public static void send(ServerResponse res, int status, String title, String detail,
                            List<ApiProblem.FieldError> errors) {
        if (res.isSent()) {
            return;
        }
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        res.send(body(status, title, detail, errors));
    }

    static byte[] body(int status, String title, String detail, List<ApiProblem.FieldError> errors) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        if (detail != null) {
            p.put("detail", detail);
        }
        if (errors != null && !errors.isEmpty()) {
            p.put("errors", errors);
        }
        return Json.bytes(p);
    }

    /** Server exception messages may quote the raw request; keep them short and on one line. */
    static String safe(String message) {
        if (message == null) {
            return null;
        }
        String one = message.lines().findFirst().orElse("").replaceAll("[^\\x20-\\x7e]", "?");
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}

package io.ossaat.engine.web;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import io.ossaat.engine.Json;
import io.ossaat.engine.problems.ApiProblem;
import io.ossaat.engine.slo.SloMonitor;

/** {@code /v1/slo}: statuses, one SLO's detail with time series, a live stream, and equivalent Prometheus rules. */
final class SloRoutes implements ApiModule {
    static final Duration STREAM_INTERVAL = Duration.ofSeconds(1);

    private final SloMonitor monitor;

    private final StreamSlots streams;

    SloRoutes(SloMonitor monitor, StreamSlots streams) {
        this.streams = streams;
        this.monitor = monitor;
    }

    @Override
    public void routing(HttpRules rules, RouteTable table) {
        table.route(rules, Method.GET, "/v1/slo", (req, res) -> Responses.json(res, Map.of("items", monitor.statuses())))
                .route(rules, Method.GET, "/v1/slo/stream", this::stream)
                .route(rules, Method.GET, "/v1/slo/rules", this::rules)
                .route(rules, Method.GET, "/v1/slo/{name}", this::detail);
    }

    private void detail(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("name");
        Duration range = req.query().first("range").map(SloRoutes::parseRange).orElse(Duration.ofHours(1));
        int points = req.query().first("points").map(SloRoutes::parsePoints).orElse(SloMonitor.DETAIL_POINTS);
        Responses.json(res, monitor.detail(name, range, points)
                .orElseThrow(() -> new ApiProblem.NotFound("no SLO named '" + name + "'; known: "
                        + String.join(", ", monitor.definitions().stream().map(d -> d.name()).toList()))));
    }

    static Duration parseRange(String text) {
        try {
            Duration d = switch (text.isEmpty() ? ' ' : text.charAt(text.length() - 1)) {
                case 'm' -> Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
                case 'h' -> Duration.ofHours(Long.parseLong(text.substring(0, text.length() - 1)));
                case 'd' -> Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1)));
                default -> throw new NumberFormatException();
            };
            if (d.compareTo(SloMonitor.DETAIL_RANGE_MIN) < 0 || d.compareTo(SloMonitor.DETAIL_RANGE_MAX) > 0) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException | ArithmeticException e) { // ArithmeticException: beyond a Duration
            throw new ApiProblem.InvalidInput("range", "must be a duration like 15m, 6h or 30d, from 5m to 37d");
        }
    }

    static int parsePoints(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= SloMonitor.DETAIL_POINTS_MAX) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiProblem.InvalidInput("points", "must be a whole number from 1 to " + SloMonitor.DETAIL_POINTS_MAX);
    }

    private void rules(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
        res.send(monitor.prometheusRules());
    }

    private void stream(ServerRequest req, ServerResponse res) {
        StreamSlots.Slot slot = streams.take(req, res);
        if (slot == null) {
            return;
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        try (slot; SseSink sink = res.sink(SseSink.TYPE)) {
            long n = 0;
            while (true) {
                sink.emit(SseEvent.builder().id(Long.toString(++n)).name("slo")
                        .data(Json.write(monitor.statuses())).build());
                Thread.sleep(STREAM_INTERVAL);
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

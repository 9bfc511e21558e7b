package io.ossaat.engine.web;

import java.time.Duration;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Tells HTTP/1.1 clients how long their kept-alive connection stays open, so that they stop using it first: a
 * request sent on a connection as the server closes it fails unanswered (EOF), and clients resend only what is
 * safe to repeat. The server closes a connection that has waited {@code limit} for a request line, counted from the
 * start of the previous request (its clock may lag up to a second), so a slow answer leaves less: the answer says
 * {@code Keep-Alive: timeout=N} with the whole seconds left less a margin, or {@code Connection: close} when fewer
 * than {@code minimum} would be left. A client that drops idle connections sooner than {@code minimum} is always
 * safe. An event stream says {@code Connection: close}: how long it lasts is unknown when its headers go out.
 */
final class KeepAliveHeader implements Filter {
    /** The server's clock lag (its cached timestamp) and a second for the answer to travel. */
    static final Duration MARGIN = Duration.ofSeconds(2);

    private final Duration limit;
    private final Duration minimum;

    KeepAliveHeader(Duration limit, Duration minimum) {
        this.limit = limit;
        this.minimum = minimum;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        boolean keepAlive = "1.1".equals(req.prologue().protocolVersion())
                && !req.headers().contains(HeaderValues.CONNECTION_CLOSE);
        if (keepAlive) {
            res.beforeSend(() -> advertise(res, Duration.ofNanos(System.nanoTime() - start)));
        }
        chain.proceed();
    }

    private void advertise(RoutingResponse res, Duration elapsed) {
        if (res.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
            return;
        }
        long left = limit.minus(MARGIN).minus(elapsed).toSeconds();
        boolean stream = res.headers().contentType().map(t -> t.test(MediaTypes.TEXT_EVENT_STREAM)).orElse(false);
        if (stream || left < minimum.toSeconds()) {
            res.header(HeaderValues.CONNECTION_CLOSE);
        } else {
            res.header(HeaderNames.create("Keep-Alive"), "timeout=" + left);
        }
    }
}

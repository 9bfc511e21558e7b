package io.ossaat.engine.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.ossaat.engine.ratelimit.RateLimit;
import io.ossaat.engine.ratelimit.RateLimiter;
import io.ossaat.engine.auth.ApiTokens;
import io.ossaat.engine.auth.Principal;

/**
 * The HTTP server: routes from {@link ApiModule}s, auth, request observation, and problem+json for everything
 * that goes wrong, including what the server refuses before any route runs.
 */
public final class ApiServer {
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_PROLOGUE = 8192;
    static final int MAX_HEADERS = 16384;
    /** A client that declares a body and stops sending is cut off after this long. */
    static final Duration READ_TIMEOUT = BodyDeadline.TIMEOUT;
    /** Request headers that take longer than this after their request line close the connection (slow-loris). */
    static final Duration HEAD_TIMEOUT = RequestHeadDeadline.TIMEOUT;
    /**
     * How long a connection may wait for a request line. The server counts it from the start of the previous request
     * and closes a connection it finds over it once the answer is out, without telling the client: it must outlast a
     * slow answer on a busy machine, or a client's next call on the kept-alive connection finds it closed.
     */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(30);
    /**
     * An answer that would leave its connection open for less than this closes it ({@link KeepAliveHeader}): a
     * client that drops idle connections sooner (the SDKs: after 5 s) never sends on one as the server closes it.
     */
    static final Duration MIN_KEEP_ALIVE = Duration.ofSeconds(10);
    /** Open connections beyond this wait in the accept backlog until others close. */
    static final int MAX_CONNECTIONS = 2048;

    private final List<ApiModule> modules = new ArrayList<>();
    private final List<RequestObserver> observers = new ArrayList<>();
    private final List<ProbeRoutes.Component> components = new ArrayList<>();
    private final List<Consumer<StringBuilder>> metricWriters = new ArrayList<>();
    private final HttpMetrics httpMetrics = new HttpMetrics();
    private final RouteTable table = new RouteTable();
    private RateLimiter limiter = RateLimiter.local();
    private RateLimit perAddress = new RateLimit("address", 0, 0);
    private RateLimit perPrincipal = new RateLimit("principal", 0, 0);

    public ApiServer() {
        observers.add(httpMetrics);
        metricWriters.add(httpMetrics::render);
    }

    public ApiServer module(ApiModule module) {
        modules.add(module);
        return this;
    }

    public ApiServer observer(RequestObserver observer) {
        observers.add(observer);
        return this;
    }

    public ApiServer component(String name, BooleanSupplier up) {
        components.add(new ProbeRoutes.Component(name, up));
        return this;
    }

    /** The caller the auth filter recorded (its token's label and role); empty on the open probes. */
    public static java.util.Optional<Principal> principal(io.helidon.webserver.http.ServerRequest req) {
        return req.context().get(Principal.class);
    }

    /** Every route as "METHOD template", once the server has started. */
    public java.util.List<String> routes() {
        return table.routes();
    }

    /** The built-in request and dispatch histograms. */
    public HttpMetrics httpMetrics() {
        return httpMetrics;
    }

    /** Limits requests by client address (before authentication) and by principal (after it). */
    public ApiServer rateLimits(RateLimiter limiter, RateLimit perAddress, RateLimit perPrincipal) {
        this.limiter = limiter;
        this.perAddress = perAddress;
        this.perPrincipal = perPrincipal;
        return this;
    }

    public ApiServer metrics(Consumer<StringBuilder> writer) {
        metricWriters.add(writer);
        return this;
    }

    /**
     * Everything a request meets, in order: the keep-alive header, observation, the per-address rate limit, auth,
     * the per-principal rate limit, the probes, the modules' routes, the 404/405 fallback, and the one place errors
     * become problem+json.
     * The server and in-memory routing tests both use it.
     *
     * @param token  the owner's bearer token; null turns auth off
     * @param tokens the other tokens (may be null: then only the owner's is known)
     */
    void routing(HttpRouting.Builder routing, String token, ApiTokens tokens) {
        routing.addFilter(new KeepAliveHeader(KEEP_ALIVE, MIN_KEEP_ALIVE))
                .addFilter(new ObserveFilter(observers, table))
                .addFilter(RateLimitFilter.byAddress(limiter, perAddress))
                .addFilter(new AuthFilter(token, tokens, table))
                .addFilter(RateLimitFilter.byPrincipal(limiter, perPrincipal));
        new ProbeRoutes(List.copyOf(components), List.copyOf(metricWriters)).routing(routing, table);
        for (ApiModule m : modules) {
            m.routing(routing, table);
        }
        routing.any(new Fallback(table)::handle);
        Problems.register(routing);
    }

    /** Builds and starts the server; {@code token} (the owner's) null turns auth off. */
    public WebServer start(String bind, int port, String token, ApiTokens tokens) {
        HttpRouting.Builder routing = HttpRouting.builder();
        routing(routing, token, tokens);
        return WebServer.builder()
                .host(bind)
                .port(port)
                .featuresDiscoverServices(false)
                .maxPayloadSize(MAX_BODY_BYTES)
                .maxTcpConnections(MAX_CONNECTIONS)
                // interrupts a connection waiting for its request line this long: idle keep-alives and slow lines
                .idleConnectionTimeout(KEEP_ALIVE)
                .idleConnectionPeriod(Duration.ofSeconds(1))
                // without it a response larger than a packet waits for the client's delayed ACK (40 ms)
                .connectionOptions(o -> o.tcpNoDelay(true))
                .addProtocol(Http1Config.builder()
                        .maxPrologueLength(MAX_PROLOGUE)
                        .maxHeadersSize(MAX_HEADERS)
                        .validatePath(true)
                        .addReceiveListener(new RequestHeadDeadline())
                        .build())
                .directHandlers(directHandlers())
                .addRouting(routing)
                .build()
                .start();
    }

    /** What the server answers before routing (bad prologue, too large, ...) is problem+json too. */
    private static DirectHandlers directHandlers() {
        DirectHandler handler = (request, eventType, status, headers, message) -> {
            int code = eventType == DirectHandler.EventType.PAYLOAD_TOO_LARGE ? 413 : status.code();
            String detail = switch (code) {
                case 413 -> "the request body is larger than " + MAX_BODY_BYTES + " bytes";
                case 414 -> "the request line is longer than " + MAX_PROLOGUE + " bytes";
                case 431 -> "the request headers are larger than " + MAX_HEADERS + " bytes";
                case 400 -> message == null
                        ? "the request line or headers are malformed or too large (e.g. bad percent-encoding)"
                        : "the request could not be parsed: " + Problems.safe(message);
                default -> message == null ? status.reasonPhrase() : Problems.safe(message);
            };
            return DirectHandler.TransportResponse.builder()
                    .status(io.helidon.http.Status.create(code))
                    .header(HeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE)
                    .header(HeaderValues.CONNECTION_CLOSE)
                    .keepAlive(false)
                    .entity(Problems.body(code, io.helidon.http.Status.create(code).reasonPhrase(), detail, List.of()))
                    .build();
        };
        DirectHandlers.Builder b = DirectHandlers.builder();
        for (DirectHandler.EventType t : DirectHandler.EventType.values()) {
            b.addHandler(t, handler);
        }
        return b.build();
    }
}

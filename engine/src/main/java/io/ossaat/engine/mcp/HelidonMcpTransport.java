package io.ossaat.engine.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.ProtocolVersions;
import reactor.core.publisher.Mono;

/**
 * The MCP Streamable HTTP transport on Helidon SE: an {@link HttpService} to mount at {@code /mcp} that is also
 * the MCP SDK's {@link McpStreamableServerTransportProvider} (a port of the SDK's servlet transport).
 *
 * <pre>{@code
 * HelidonMcpTransport transport = HelidonMcpTransport.builder()
 *         .allowedHosts(List.of("localhost", "127.0.0.1", "[::1]"))   // the default
 *         .principal(req -> tokenFingerprint(req))                    // optional, see below
 *         .build();
 * OssaatMcpServer mcp = OssaatMcpServer.builder(transport).services(plans, actions, slo, events).build();
 * routing.register("/mcp", transport);
 * ...
 * mcp.close();   // on shutdown: ends every session
 * }</pre>
 *
 * <p>What it does, per method:
 * <ul>
 *   <li>POST {@code initialize}: starts a session, answers JSON with an {@code Mcp-Session-Id} header; the protocol
 *       version is negotiated among {@link #PROTOCOL_VERSIONS} (a client asking for another gets the newest);</li>
 *   <li>POST notification or response: 202 without a body;</li>
 *   <li>POST request: an SSE stream ({@code event: message}) carrying the request's notifications (progress) and
 *       finally its response;</li>
 *   <li>GET: the session's listening stream (server-initiated notifications such as
 *       {@code notifications/resources/updated}); a newer GET of the same session replaces an older one; an SSE
 *       comment every {@code keepAlive} notices clients that went away;</li>
 *   <li>DELETE: ends the session.</li>
 * </ul>
 * Errors: no session id 400, unknown or ended session 404, an {@code Accept} without both
 * {@code application/json} and {@code text/event-stream} (GET: without {@code text/event-stream}) 406, a body that
 * is not {@code application/json} 415, larger than {@code maxBodyBytes} 413, an unsupported
 * {@code MCP-Protocol-Version} header 400, malformed JSON 400 with JSON-RPC error -32700, malformed JSON-RPC 400
 * with -32600/-32602. Error bodies are JSON-RPC error objects written here (never a stack trace), except the
 * Host/Origin refusal, which is a 403 {@code application/problem+json}.
 *
 * <p>Security: the {@code Host} and {@code Origin} headers are checked against {@code allowedHosts} (see
 * {@link OriginHostGuard} for the entry forms; default loopback on any port; requests without {@code Origin} pass).
 * The bearer token is <em>not</em> checked here: the engine's auth filter runs before this service. To keep one
 * client from using another's session, give {@link Builder#principal} a function that names the caller (e.g. a
 * hash of the bearer token, or null when auth is off): a session is bound to the principal that initialized it and
 * answers 404 to anyone else. The principal also reaches tools as {@link McpTransportContext} key
 * {@value #PRINCIPAL_KEY}.
 *
 * <p>Sessions are kept in a {@link McpSessionStore} (default: this process's memory; the engine's is PostgreSQL):
 * an instance that gets a request for a session another instance started makes its own copy from the stored
 * initialize request, so a client behind a round-robin proxy needs no sticky sessions. What stays with one
 * instance: a request's response stream and the listening stream (a client that loses one opens a new one,
 * anywhere), and a {@code logging/setLevel} choice. Idle sessions without an open stream are dropped after
 * {@code sessionIdleTimeout}.
 */
public final class HelidonMcpTransport implements McpStreamableServerTransportProvider, HttpService {

    /** Supported protocol versions, oldest first; the SDK answers an unknown request with the last one. */
    public static final List<String> PROTOCOL_VERSIONS = List.of(
            ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

    /** Key of the caller's principal in the tools' {@link McpTransportContext}. */
    public static final String PRINCIPAL_KEY = "ossaat.principal";

    static final HeaderName MCP_SESSION_ID = HeaderNames.create("Mcp-Session-Id");
    static final HeaderName MCP_PROTOCOL_VERSION = HeaderNames.create("MCP-Protocol-Version");
    private static final String APPLICATION_JSON = "application/json";
    private static final String TEXT_EVENT_STREAM = "text/event-stream";
    private static final System.Logger LOG = System.getLogger(HelidonMcpTransport.class.getName());

    private final McpJsonMapper json;
    private final OriginHostGuard guard;
    private final Function<ServerRequest, Object> principal;
    private final java.util.function.Predicate<ServerRequest> accepts;
    private final int maxBodyBytes;
    private final Duration keepAlive;
    private final McpSessions sessions;
    private volatile McpStreamableServerSession.Factory sessionFactory;
    private volatile boolean closing;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ossaat-mcp-sweeper").factory());

    private HelidonMcpTransport(Builder b) {
        this.json = b.json == null ? McpJsonDefaults.getMapper() : b.json;
        this.guard = new OriginHostGuard(b.allowedHosts);
        this.principal = b.principal;
        this.accepts = b.accepts;
        this.maxBodyBytes = b.maxBodyBytes;
        this.keepAlive = b.keepAlive;
        this.sessions = new McpSessions(b.sessionStore, this::revive, b.sessionIdleTimeout, b.clock,
                b.maxSessionsPerPrincipal, b.maxSessions);
        // idle sessions go on a timer too, not only when another client initializes
        long every = Math.max(1000, Math.min(b.sessionIdleTimeout.toMillis() / 2, 60_000));
        this.sweeper.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            sessions.sweepIdle();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "MCP session sweep: {0}", e.toString());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- McpStreamableServerTransportProvider

    @Override
    public List<String> protocolVersions() {
        return PROTOCOL_VERSIONS;
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Mono.fromRunnable(() -> sessions.notify(null, method, params));
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return Mono.fromRunnable(() -> sessions.notify(Objects.requireNonNull(sessionId), method, params));
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            closing = true;
            sweeper.shutdownNow();
            sessions.endAll();
        });
    }

    // ---------------------------------------------------------------- HttpService

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", mine(this::post))
                .get("/", mine(this::get))
                .delete("/", mine(this::delete))
                .any("/", mine(this::methodNotAllowed));
    }

    /** Hands a request this transport does not accept to the next one mounted at the same path. */
    private io.helidon.webserver.http.Handler mine(io.helidon.webserver.http.Handler handler) {
        return (req, res) -> {
            if (accepts.test(req)) {
                handler.handle(req, res);
            } else {
                res.next();
            }
        };
    }

    @Override
    public void afterStop() {
        closeGracefully().block();
    }

    private void post(ServerRequest req, ServerResponse res) {
        if (refused(req, res)) {
            return;
        }
        if (!accepts(req, APPLICATION_JSON) || !accepts(req, TEXT_EVENT_STREAM)) {
            rpcError(res, Status.NOT_ACCEPTABLE_406, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Not Acceptable: the Accept header must list both application/json and text/event-stream");
            return;
        }
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).strip().startsWith(APPLICATION_JSON)) {
            rpcError(res, Status.UNSUPPORTED_MEDIA_TYPE_415, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Unsupported Media Type: the body must be application/json");
            return;
        }
        byte[] body;
        try {
            body = readBody(req);
        } catch (IOException | UncheckedIOException e) {
            rpcError(res, Status.BAD_REQUEST_400, null, McpSchema.ErrorCodes.PARSE_ERROR,
                    "Parse error: the body could not be read");
            return;
        }
        if (body == null) {
            rpcError(res, Status.REQUEST_ENTITY_TOO_LARGE_413, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Payload Too Large: the body exceeds " + maxBodyBytes + " bytes");
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = JsonRpc.parse(json, body);
        } catch (JsonRpc.Invalid e) {
            rpcError(res, Status.BAD_REQUEST_400, e.id, e.code, e.getMessage());
            return;
        }

        if (message instanceof McpSchema.JSONRPCRequest request
                && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
            initialize(req, res, request);
            return;
        }
        McpSessions.Session session = session(req, res);
        if (session == null) {
            return;
        }
        McpTransportContext context = context(req);
        if (message instanceof McpSchema.JSONRPCRequest request) {
            respondOnStream(res, session, request, context);
        } else if (message instanceof McpSchema.JSONRPCNotification notification) {
            try {
                session.mcp.accept(notification).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
            } catch (RuntimeException e) {
                // a notification has no answer; a failing handler is the server's problem, not the client's
                LOG.log(System.Logger.Level.WARNING, "MCP notification {0} failed: {1}",
                        notification.method(), e.toString());
            }
            res.status(Status.ACCEPTED_202).send();
        } else if (message instanceof McpSchema.JSONRPCResponse response) {
            try {
                session.mcp.accept(response).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
            } catch (RuntimeException e) {
                // a response to nothing we asked: nothing to answer, the client gets its 202 anyway
                LOG.log(System.Logger.Level.DEBUG, "MCP response ignored: {0}", e.getMessage());
            }
            res.status(Status.ACCEPTED_202).send();
        }
    }

    private void initialize(ServerRequest req, ServerResponse res, McpSchema.JSONRPCRequest request) {
        McpSchema.InitializeRequest init = null;
        if (request.params() instanceof Map<?, ?> params && params.get("protocolVersion") instanceof String
                && params.get("clientInfo") instanceof Map<?, ?> && params.get("capabilities") instanceof Map<?, ?>) {
            try {
                init = json.convertValue(params, new TypeRef<McpSchema.InitializeRequest>() {
                });
            } catch (RuntimeException e) {
                init = null;
            }
        }
        if (init == null) {
            rpcError(res, Status.BAD_REQUEST_400, request.id(), McpSchema.ErrorCodes.INVALID_PARAMS,
                    "Invalid params: initialize needs protocolVersion, capabilities and clientInfo");
            return;
        }
        McpStreamableServerSession.Factory factory = sessionFactory;
        if (factory == null || closing) {
            rpcError(res, Status.SERVICE_UNAVAILABLE_503, request.id(), McpSchema.ErrorCodes.INTERNAL_ERROR,
                    "Service Unavailable: the MCP server is not running");
            return;
        }
        String refusal = sessions.refusal(principal.apply(req));
        if (refusal != null) {
            res.header(HeaderNames.RETRY_AFTER, "60");
            rpcError(res, Status.TOO_MANY_REQUESTS_429, request.id(), McpSchema.ErrorCodes.INTERNAL_ERROR,
                    "Too Many Requests: " + refusal);
            return;
        }
        McpStreamableServerSession.McpStreamableServerSessionInit started = factory.startSession(init);
        McpSchema.InitializeResult result;
        try {
            result = started.initResult().block();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "MCP initialize failed: {0}", e.toString());
            rpcError(res, Status.INTERNAL_SERVER_ERROR_500, request.id(), McpSchema.ErrorCodes.INTERNAL_ERROR,
                    "Internal error: the session could not be initialized");
            return;
        }
        sessions.add(started.session(), principal.apply(req), new String(write(init), StandardCharsets.UTF_8));
        res.header(MCP_SESSION_ID, started.session().getId());
        sendJson(res, Status.OK_200, McpSchema.JSONRPCResponse.result(request.id(), result));
    }

    private void respondOnStream(ServerResponse res, McpSessions.Session session,
                                 McpSchema.JSONRPCRequest request, McpTransportContext context) {
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        session.streamStarting();
        SseStream stream = new SseStream(res.sink(SseSink.TYPE), json);
        session.open.add(stream);
        try {
            session.mcp.responseStream(request, stream)
                    .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                    .block();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "MCP request {0} failed on its stream: {1}",
                    request.method(), e.toString());
        } finally {
            session.streamClosed(stream, sessions.now());
            stream.closeSink();
        }
    }

    private void get(ServerRequest req, ServerResponse res) {
        if (refused(req, res)) {
            return;
        }
        if (!accepts(req, TEXT_EVENT_STREAM)) {
            rpcError(res, Status.NOT_ACCEPTABLE_406, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Not Acceptable: the Accept header must list text/event-stream");
            return;
        }
        McpSessions.Session session = session(req, res);
        if (session == null) {
            return;
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        session.streamStarting();
        SseStream stream = new SseStream(res.sink(SseSink.TYPE), json);
        session.open.add(stream);
        McpStreamableServerSession.McpStreamableServerSessionStream listening = session.mcp.listeningStream(stream);
        SseStream previous = session.listening.getAndSet(stream);
        if (previous != null) {
            previous.close();
        }
        try {
            stream.comment("stream open"); // sends the headers now, so the client knows the stream is up
            while (!stream.awaitClosed(keepAlive)) {
                stream.comment("keep-alive");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (session.listening.compareAndSet(stream, null)) {
                listening.close();
            }
            session.streamClosed(stream, sessions.now());
            stream.closeSink();
        }
    }

    private void delete(ServerRequest req, ServerResponse res) {
        if (refused(req, res)) {
            return;
        }
        McpSessions.Session session = session(req, res);
        if (session == null) {
            return;
        }
        sessions.end(session.id);
        res.status(Status.OK_200).send();
    }

    private void methodNotAllowed(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.ALLOW, "GET, POST, DELETE");
        rpcError(res, Status.METHOD_NOT_ALLOWED_405, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                "Method Not Allowed: use POST, GET or DELETE");
    }

    // ---------------------------------------------------------------- sessions

    /** This process's copy of a session another instance started, made from its initialize request. */
    private McpStreamableServerSession revive(String initialize) {
        McpStreamableServerSession.Factory factory = sessionFactory;
        if (factory == null) {
            throw new IllegalStateException("the MCP server is not running");
        }
        try {
            return factory.startSession(json.readValue(initialize, McpSchema.InitializeRequest.class)).session();
        } catch (IOException e) {
            throw new UncheckedIOException("a stored MCP initialize request cannot be read", e);
        }
    }

    /** Drops sessions that have no open stream and were not used for {@code sessionIdleTimeout}. */
    int sweepIdleSessions() {
        return sessions.sweepIdle();
    }

    int sessionCount() {
        return sessions.count();
    }

    Set<String> sessionIds() {
        return sessions.ids();
    }

    /** The session the request names, or null after answering 400/404 for it. */
    private McpSessions.Session session(ServerRequest req, ServerResponse res) {
        String id = req.headers().first(MCP_SESSION_ID).orElse("").strip();
        if (id.isEmpty()) {
            rpcError(res, Status.BAD_REQUEST_400, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Bad Request: the Mcp-Session-Id header is missing (initialize first)");
            return null;
        }
        McpSessions.Session session = sessions.find(id, principal.apply(req));
        if (session == null) {
            rpcError(res, Status.NOT_FOUND_404, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Not Found: no such session (it ended or never existed); initialize a new one");
            return null;
        }
        String version = req.headers().first(MCP_PROTOCOL_VERSION).orElse(null);
        if (version != null && !PROTOCOL_VERSIONS.contains(version.strip())) {
            rpcError(res, Status.BAD_REQUEST_400, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Bad Request: unsupported MCP-Protocol-Version '" + version + "'; supported: "
                            + String.join(", ", PROTOCOL_VERSIONS));
            return null;
        }
        return session;
    }

    private McpTransportContext context(ServerRequest req) {
        Object who = principal.apply(req);
        return who == null ? McpTransportContext.EMPTY : McpTransportContext.create(Map.of(PRINCIPAL_KEY, who));
    }

    // ---------------------------------------------------------------- HTTP helpers

    /** Answers 403 and returns true when Host or Origin is not allowed, or 503 while shutting down. */
    private boolean refused(ServerRequest req, ServerResponse res) {
        String why = guard.check(req.headers().first(HeaderNames.HOST).orElse(null),
                req.headers().first(HeaderNames.ORIGIN).orElse(null));
        if (why != null) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", "Forbidden");
            problem.put("status", 403);
            problem.put("detail", why + " (the MCP endpoint checks Host and Origin against DNS rebinding)");
            res.status(Status.FORBIDDEN_403);
            res.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
            res.send(write(problem));
            return true;
        }
        if (closing) {
            rpcError(res, Status.SERVICE_UNAVAILABLE_503, null, McpSchema.ErrorCodes.INTERNAL_ERROR,
                    "Service Unavailable: the MCP server is shutting down");
            return true;
        }
        return false;
    }

    private static boolean accepts(ServerRequest req, String mediaType) {
        for (String value : req.headers().values(HeaderNames.ACCEPT)) {
            for (String part : value.split(",")) {
                String type = part.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
                if (type.equals(mediaType)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The body, or null when it is larger than allowed. */
    private byte[] readBody(ServerRequest req) throws IOException {
        if (req.headers().contentLength().orElse(0) > maxBodyBytes) {
            return null;
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            return body.length > maxBodyBytes ? null : body;
        }
    }

    private void rpcError(ServerResponse res, Status status, Object id, int code, String message) {
        sendJson(res, status, JsonRpc.error(id, code, message));
    }

    private void sendJson(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, APPLICATION_JSON);
        res.send(write(body));
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings of the transport; every one has a safe default. */
    public static final class Builder {
        private McpJsonMapper json;
        private List<String> allowedHosts = OriginHostGuard.LOOPBACK;
        private Function<ServerRequest, Object> principal = req -> null;
        private java.util.function.Predicate<ServerRequest> accepts = req -> true;
        private int maxBodyBytes = 1 << 20;
        private Duration keepAlive = Duration.ofSeconds(15);
        private Duration sessionIdleTimeout = Duration.ofMinutes(30);
        private Clock clock = Clock.systemUTC();
        private int maxSessionsPerPrincipal = 100;
        private int maxSessions = 1000;
        private McpSessionStore sessionStore = McpSessionStore.inMemory();

        private Builder() {
        }

        /** Where sessions are kept so that other instances can serve them (default: this process's memory). */
        public Builder sessionStore(McpSessionStore sessionStore) {
            this.sessionStore = Objects.requireNonNull(sessionStore, "sessionStore");
            return this;
        }

        /** Sessions one principal may hold at once (default 100); another initialize is answered 429. */
        public Builder maxSessionsPerPrincipal(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxSessionsPerPrincipal must be at least 1, was " + n);
            }
            this.maxSessionsPerPrincipal = n;
            return this;
        }

        /** Sessions this server holds at once, all principals together (default 1000). */
        public Builder maxSessions(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxSessions must be at least 1, was " + n);
            }
            this.maxSessions = n;
            return this;
        }

        /**
         * Hosts and origins allowed in the {@code Host}/{@code Origin} headers (default: localhost, 127.0.0.1 and
         * [::1] on any port). Entries: {@code host}, {@code host:port}, {@code scheme://host[:port]} or {@code *}.
         * An engine bound to a non-loopback address adds the names clients use to reach it.
         */
        public Builder allowedHosts(List<String> allowedHosts) {
            this.allowedHosts = List.copyOf(allowedHosts);
            new OriginHostGuard(this.allowedHosts); // validate now
            return this;
        }

        /**
         * Names the caller of a request (a value with equals, e.g. the caller's principal); null when there is no
         * caller identity. Sessions are bound to it, and tools find it in their context. Default: always null.
         */
        public Builder principal(Function<ServerRequest, Object> principal) {
            this.principal = Objects.requireNonNull(principal, "principal");
            return this;
        }

        /**
         * Which requests this transport serves (default: all). Several transports mounted at one path, each with
         * its own MCP server, split the callers between them: a request another transport should serve passes on.
         */
        public Builder accepts(java.util.function.Predicate<ServerRequest> accepts) {
            this.accepts = Objects.requireNonNull(accepts, "accepts");
            return this;
        }

        /** Largest accepted POST body (default 1 MiB, as the rest of the HTTP API). */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1024, was " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** How often an idle listening stream gets an SSE comment, to notice clients that left (default 15 s). */
        public Builder keepAlive(Duration keepAlive) {
            if (keepAlive.isNegative() || keepAlive.isZero()) {
                throw new IllegalArgumentException("keepAlive must be positive, was " + keepAlive);
            }
            this.keepAlive = keepAlive;
            return this;
        }

        /** Sessions with no open stream and no request for this long are dropped (default 30 min). */
        public Builder sessionIdleTimeout(Duration sessionIdleTimeout) {
            if (sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
                throw new IllegalArgumentException("sessionIdleTimeout must be positive, was " + sessionIdleTimeout);
            }
            this.sessionIdleTimeout = sessionIdleTimeout;
            return this;
        }

        /** The clock for session idleness (tests pass a settable one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The JSON mapper for MCP messages (default: the SDK's, Jackson 3). */
        public Builder jsonMapper(McpJsonMapper json) {
            this.json = Objects.requireNonNull(json, "json");
            return this;
        }

        public HelidonMcpTransport build() {
            return new HelidonMcpTransport(this);
        }
    }
}

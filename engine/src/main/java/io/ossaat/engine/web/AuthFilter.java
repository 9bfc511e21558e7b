package io.ossaat.engine.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Requires {@code Authorization: Bearer <token>} on every route but the open probes. */
final class AuthFilter implements Filter {
    /** The label recorded as "who" for requests made with the data dir's token. */
    static final String OWNER_LABEL = "owner";
    private static final Set<String> OPEN = Set.of("/healthz", "/readyz", "/metrics");

    private final byte[] token;

    AuthFilter(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (token == null || OPEN.contains(req.path().path())) {
            req.context().register(ApiServer.PRINCIPAL_KEY, token == null ? "anonymous" : OWNER_LABEL);
            chain.proceed();
            return;
        }
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        byte[] given = header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(token, given)) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"ossaat\"");
            Problems.send(res, 401, "Unauthorized", header.isEmpty()
                    ? "this route needs 'Authorization: Bearer <token>'; the token is in <data-dir>/token"
                    : "the bearer token is not valid", List.of());
            return;
        }
        req.context().register(ApiServer.PRINCIPAL_KEY, OWNER_LABEL);
        chain.proceed();
    }
}

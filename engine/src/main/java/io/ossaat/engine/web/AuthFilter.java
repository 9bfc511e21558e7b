package io.ossaat.engine.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.ossaat.engine.auth.ApiTokens;
import io.ossaat.engine.auth.Principal;
import io.ossaat.engine.mcp.OriginHostGuard;

/**
 * Requires {@code Authorization: Bearer <token>} on every route but the open ones (declared with
 * {@link io.ossaat.engine.auth.Permission#NONE}) and puts the caller's {@link Principal} in the request context:
 * the data dir's token is the owner, any other token is looked up in {@link ApiTokens}. What the principal may do is
 * checked by each route ({@link RouteTable}). Without a token ({@code --insecure-no-auth}) every request must name
 * a loopback host (and origin, when it sends one).
 */
final class AuthFilter implements Filter {
    private static final OriginHostGuard LOOPBACK = new OriginHostGuard(OriginHostGuard.LOOPBACK);

    private final byte[] ownerToken;
    private final ApiTokens tokens;
    private final RouteTable table;

    /** {@code ownerToken} null turns authentication off: everyone is {@link Principal#ANONYMOUS}. */
    AuthFilter(String ownerToken, ApiTokens tokens, RouteTable table) {
        this.ownerToken = ownerToken == null ? null : ownerToken.getBytes(StandardCharsets.UTF_8);
        this.tokens = tokens;
        this.table = table;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (ownerToken == null) {
            // no token: only the Host and Origin a browser sends keep a web page (DNS rebinding, a form) out
            String refused = LOOPBACK.check(req.headers().first(HeaderNames.HOST).orElse(null),
                    req.headers().first(HeaderNames.ORIGIN).orElse(null));
            if (refused != null) {
                Problems.send(res, 403, "Forbidden", refused + ": without a token (--insecure-no-auth) the engine "
                        + "answers only requests that name a loopback host, against DNS rebinding", List.of());
                return;
            }
            req.context().register(Principal.ANONYMOUS);
            chain.proceed();
            return;
        }
        if (table.isOpen(req.prologue().method(), req.path().path())) {
            chain.proceed();
            return;
        }
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        String given = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        Optional<Principal> principal = authenticate(given);
        if (principal.isEmpty()) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"ossaat\"");
            Problems.send(res, 401, "Unauthorized", header.isEmpty()
                    ? "this route needs 'Authorization: Bearer <token>'; the token is in <data-dir>/token"
                    : "the bearer token is not valid (or was revoked)", List.of());
            return;
        }
        req.context().register(principal.get());
        chain.proceed();
    }

    private Optional<Principal> authenticate(String given) {
        if (given.isEmpty()) {
            return Optional.empty();
        }
        if (MessageDigest.isEqual(ownerToken, given.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(Principal.OWNER);
        }
        return tokens == null ? Optional.empty() : tokens.authenticate(given);
    }

    /** The caller; a route without one is open, and open routes need no principal. */
    static Principal principal(ServerRequest req) {
        return req.context().get(Principal.class).orElseThrow(() ->
                new IllegalStateException("no principal on " + req.path().path() + ": the route is not declared"));
    }
}

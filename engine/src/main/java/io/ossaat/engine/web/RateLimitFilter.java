package io.ossaat.engine.web;

import java.util.List;
import java.util.function.Function;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.ossaat.engine.ratelimit.Decision;
import io.ossaat.engine.ratelimit.RateLimit;
import io.ossaat.engine.ratelimit.RateLimiter;

/**
 * Refuses a request with 429 when its key's bucket is empty: by IP address before authentication (so floods of
 * bad tokens cost nothing), by principal after it. The answer carries {@code Retry-After} and the
 * {@code RateLimit} / {@code RateLimit-Policy} headers.
 */
final class RateLimitFilter implements Filter {
    private final RateLimiter limiter;
    private final RateLimit limit;
    private final Function<RoutingRequest, String> keyOf;

    private RateLimitFilter(RateLimiter limiter, RateLimit limit, Function<RoutingRequest, String> keyOf) {
        this.limiter = limiter;
        this.limit = limit;
        this.keyOf = keyOf;
    }

    static RateLimitFilter byAddress(RateLimiter limiter, RateLimit limit) {
        return new RateLimitFilter(limiter, limit, req -> req.remotePeer().host());
    }

    static RateLimitFilter byPrincipal(RateLimiter limiter, RateLimit limit) {
        return new RateLimitFilter(limiter, limit,
                req -> ApiServer.principal(req).map(io.ossaat.engine.auth.Principal::key).orElse("anonymous"));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (limit.unlimited()) {
            chain.proceed();
            return;
        }
        Decision d = limiter.acquire(keyOf.apply(req), limit);
        if (d.allowed()) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.RETRY_AFTER, Long.toString(d.retryAfterSeconds()));
        res.header(HeaderNames.create("RateLimit-Policy"), limit.policyHeader());
        res.header(HeaderNames.create("RateLimit"), d.header(limit));
        Problems.send(res, 429, "Too Many Requests", "rate limit '" + limit.name() + "' is " + limit.perSecond()
                + " requests per second (bursts up to " + limit.burst() + "); retry after " + d.retryAfterSeconds()
                + " s", List.of());
    }
}

package io.ossaat.engine.web;

import java.util.List;
import java.util.Set;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Times every request and tells the observers (metrics, SLO monitor) with the matched route template. Labels
 * are bounded: a method the API does not know is {@code OTHER}, a path no declared route took is
 * {@code unmatched}, so no client can grow {@code /metrics} by inventing methods or paths.
 */
final class ObserveFilter implements Filter {
    static final String OTHER_METHOD = "OTHER";
    static final String UNMATCHED = "unmatched";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final List<RequestObserver> observers;
    private final RouteTable table;

    ObserveFilter(List<RequestObserver> observers, RouteTable table) {
        this.observers = List.copyOf(observers);
        this.table = table;
    }

    /** The declared template; a mounted service (MCP) reports its own inner pattern, so its literal path counts. */
    private String route(RoutingRequest req) {
        String pattern = req.matchingPattern().orElse(null);
        if (pattern != null && table.isTemplate(pattern)) {
            return pattern;
        }
        String path = req.path().path();
        return table.isTemplate(path) ? path : UNMATCHED;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            long nanos = System.nanoTime() - start;
            String route = route(req);
            int status = res.status().code();
            String method = req.prologue().method().text();
            if (!METHODS.contains(method)) {
                method = OTHER_METHOD;
            }
            for (RequestObserver o : observers) {
                o.observe(method, route, status, nanos);
            }
        }
    }
}

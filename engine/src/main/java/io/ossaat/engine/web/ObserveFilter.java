package io.ossaat.engine.web;

import java.util.List;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Times every request and tells the observers (metrics, SLO monitor) with the matched route template. */
final class ObserveFilter implements Filter {
    private final List<RequestObserver> observers;

    ObserveFilter(List<RequestObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            long nanos = System.nanoTime() - start;
            String route = req.matchingPattern().orElse("unmatched");
            int status = res.status().code();
            String method = req.prologue().method().text();
            for (RequestObserver o : observers) {
                o.observe(method, route, status, nanos);
            }
        }
    }
}

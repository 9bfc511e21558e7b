package io.ossaat.engine.web;

/** Told about every finished request (metrics, the SLO monitor). Must be cheap: it runs on the request path. */
@FunctionalInterface
public interface RequestObserver {
    /**
     * @param route the route template ({@code /v1/plans/{id}}), or {@code unmatched} for requests no route took
     */
    void observe(String method, String route, int status, long nanos);
}

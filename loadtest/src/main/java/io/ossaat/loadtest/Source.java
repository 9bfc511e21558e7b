package io.ossaat.loadtest;

import java.util.Locale;
import java.util.Set;

/**
 * One metric source of type {@code ossaat} from the SLO file: the engine events it counts.
 *
 * @param event   {@code http_request} or {@code step_dispatch}
 * @param methods HTTP methods counted (upper case); empty means every method
 * @param routes  route templates counted, e.g. {@code /v1/plans/{id}}; empty means every route
 * @param status  the statuses counted
 */
record Source(String event, Set<String> methods, Set<String> routes, StatusFilter status) {
    static final String HTTP_REQUEST = "http_request";

    Source {
        methods = Set.copyOf(methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList());
        routes = Set.copyOf(routes);
    }

    boolean isHttp() {
        return HTTP_REQUEST.equals(event);
    }

    /** True when this source counts a request the engine recorded with this method, route template and status. */
    boolean matches(String method, String route, int status) {
        return isHttp()
               && (methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT)))
               && (routes.isEmpty() || routes.contains(route))
               && status().matches(status);
    }

    /** True when this source counts the requests of a load-test route (any status). */
    boolean covers(Route r) {
        return isHttp()
               && (methods.isEmpty() || methods.contains(r.method()))
               && (routes.isEmpty() || routes.contains(r.template()));
    }

    /** True when the source counts every HTTP request, whatever the method and route. */
    boolean coversEveryRoute() {
        return isHttp() && methods.isEmpty() && routes.isEmpty();
    }
}

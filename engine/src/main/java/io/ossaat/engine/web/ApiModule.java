package io.ossaat.engine.web;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.ossaat.engine.auth.Permission;

/** A group of routes; each declares its routes through the {@link RouteTable} so 404/405 stay exact. */
@FunctionalInterface
public interface ApiModule {
    void routing(HttpRules rules, RouteTable table);

    /**
     * A whole service mounted at {@code path} (e.g. the MCP endpoint), answering {@code methods} there to callers
     * with {@code permission}; finer checks are the service's own.
     */
    static ApiModule mount(String path, HttpService service, Permission permission, Method... methods) {
        return (rules, table) -> {
            rules.register(path, service);
            for (Method m : methods) {
                table.declare(m, path, permission);
            }
        };
    }
}

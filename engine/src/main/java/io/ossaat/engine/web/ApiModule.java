package io.ossaat.engine.web;

import io.helidon.webserver.http.HttpRules;

/** A group of routes; each declares its routes through the {@link RouteTable} so 404/405 stay exact. */
@FunctionalInterface
public interface ApiModule {
    void routing(HttpRules rules, RouteTable table);
}

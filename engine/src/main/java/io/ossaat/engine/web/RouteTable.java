package io.ossaat.engine.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.ossaat.engine.auth.Permission;

/**
 * Every route is declared through this table with what it takes to call it, so the fallback knows which methods a
 * path allows (405 with {@code Allow}) and which paths do not exist (404), both as problem+json, and every route
 * checks the caller's role before its handler runs (403 naming the roles that may).
 */
public final class RouteTable {
    private record Entry(Method method, String template, Pattern pattern, Permission permission) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> templates = new java.util.HashSet<>();

    /** A route that reads: every role may call it. */
    public RouteTable route(HttpRules rules, Method method, String template, Handler handler) {
        if (method != Method.GET) {
            throw new IllegalArgumentException(method.text() + " " + template + " changes something: say who may");
        }
        return route(rules, method, template, Permission.READ, handler);
    }

    /** Registers the handler behind a check of the caller's permission and remembers the route. */
    public RouteTable route(HttpRules rules, Method method, String template, Permission permission, Handler handler) {
        rules.route(method, template, permission == Permission.NONE ? handler : (req, res) -> {
            AuthFilter.principal(req).require(permission);
            handler.handle(req, res);
        });
        return declare(method, template, permission);
    }

    /** Remembers a route registered some other way (e.g. a mounted service, which checks roles itself). */
    public RouteTable declare(Method method, String template, Permission permission) {
        String regex = template.replaceAll("\\{[^/]+}", "[^/]+");
        entries.add(new Entry(method, template, Pattern.compile(regex), permission));
        templates.add(template);
        return this;
    }

    /** Whether a route was declared with this template: metric labels take only these (a bounded set). */
    boolean isTemplate(String template) {
        return templates.contains(template);
    }

    /** Whether the route needs no token (the probes). */
    boolean isOpen(Method method, String path) {
        return entries.stream().anyMatch(e -> e.permission() == Permission.NONE && e.method().equals(method)
                && e.pattern().matcher(path).matches());
    }

    /** The methods the path allows; empty when no route has this path. */
    public Set<String> allowed(String path) {
        Set<String> methods = new TreeSet<>();
        for (Entry e : entries) {
            if (e.pattern().matcher(path).matches()) {
                methods.add(e.method().text());
            }
        }
        return methods;
    }

    /** Every declared route as "METHOD template" (the OpenAPI test checks each is documented). */
    public List<String> routes() {
        return entries.stream().map(e -> e.method().text() + " " + e.template()).distinct().toList();
    }
}

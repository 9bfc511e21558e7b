package io.ossaat.engine.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;

/**
 * Every route is declared through this table, so the fallback knows which methods a path allows
 * (405 with {@code Allow}) and which paths do not exist (404), both as problem+json.
 */
public final class RouteTable {
    private record Entry(Method method, String template, Pattern pattern) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> templates = new java.util.HashSet<>();

    /** Registers the handler on the rules and remembers method and path template. */
    public RouteTable route(HttpRules rules, Method method, String template, Handler handler) {
        rules.route(method, template, handler);
        return declare(method, template);
    }

    /** Remembers a route registered some other way (e.g. a mounted service). */
    public RouteTable declare(Method method, String template) {
        String regex = template.replaceAll("\\{[^/]+}", "[^/]+");
        entries.add(new Entry(method, template, Pattern.compile(regex)));
        templates.add(template);
        return this;
    }

    /** Whether a route was declared with this template: metric labels take only these (a bounded set). */
    boolean isTemplate(String template) {
        return templates.contains(template);
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

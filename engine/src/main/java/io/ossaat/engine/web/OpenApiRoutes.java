package io.ossaat.engine.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.ossaat.engine.Json;
import io.ossaat.engine.Version;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code GET /openapi}: the OpenAPI document of this API, as YAML or ({@code ?format=json}) JSON, with this build's
 * version ({@link Version}) as {@code info.version}.
 */
final class OpenApiRoutes implements ApiModule {
    static final String RESOURCE = "openapi/ossaat.yaml";
    private final String yaml;
    private final Map<String, Object> document;
    private final byte[] json;

    OpenApiRoutes() {
        try (InputStream in = OpenApiRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            // info.version: the file's placeholder becomes this build's version
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceFirst("(?m)^  version: .*$", "  version: \"" + Version.current() + "\"");
            document = new Yaml().load(yaml);
            json = Json.bytes(document);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException(RESOURCE + " is missing from the engine jar", e);
        }
    }

    /** The document as maps and lists, in its order; {@link ApiReference} renders it. */
    Map<String, Object> document() {
        return document;
    }

    @Override
    public void routing(HttpRules rules, RouteTable table) {
        table.route(rules, Method.GET, "/openapi", (req, res) -> {
            String format = req.query().first("format").orElse("yaml");
            switch (format) {
                case "json" -> {
                    res.header(HeaderNames.CONTENT_TYPE, "application/json");
                    res.send(json);
                }
                case "yaml" -> {
                    res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
                    res.send(yaml);
                }
                default -> throw new io.ossaat.engine.problems.ApiProblem.InvalidInput("format", "must be yaml or json");
            }
        });
    }
}

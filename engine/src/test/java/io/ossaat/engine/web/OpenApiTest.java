package io.ossaat.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Engine;
import io.ossaat.engine.Version;
import io.ossaat.engine.plans.PlanState;
import io.ossaat.engine.plans.StepState;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.SharedEngine;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI document matches the code: every route the server has is documented, and nothing else. */
class OpenApiTest {
    final Engine engine = SharedEngine.get();
    final Api api = SharedEngine.api();

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        Api.Response r = api.get("/openapi");
        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> doc = new Yaml().load(r.body());
        assertThat(doc.get("openapi")).isEqualTo("3.1.0");
        List<String> documented = new ArrayList<>();
        ((Map<String, Map<String, Object>>) doc.get("paths")).forEach((path, ops) ->
                ops.keySet().forEach(method -> documented.add(method.toUpperCase() + " " + path)));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(engine.routes());
    }

    @Test
    void theDocumentedStatesAreTheEnums() {
        JsonNode schemas = api.get("/openapi?format=json").json().get("components").get("schemas");
        assertThat(texts(schemas.get("PlanState").get("enum")))
                .containsExactlyElementsOf(Arrays.stream(PlanState.values()).map(PlanState::wire).toList());
        assertThat(texts(schemas.get("StepState").get("enum")))
                .containsExactlyElementsOf(Arrays.stream(StepState.values()).map(StepState::wire).toList());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void jsonIsServedTooAndBadFormatsAre400() {
        JsonNode json = api.get("/openapi?format=json").json();
        assertThat(json.get("info").get("title").asText()).contains("ossaat");
        assertThat(json.get("info").get("version").asText()).isEqualTo(Version.current()).isNotEqualTo("dev");
        assertThat(api.get("/openapi?format=xml").status()).isEqualTo(400);
    }
}

package io.ossaat.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.ossaat.engine.Json;
import org.junit.jupiter.api.Test;

/**
 * The routing in memory, with the engine's filters, fallback and error mapping but no database: every answer here
 * is given before a handler would call a service, so the plan routes get none.
 */
@io.helidon.webserver.testing.junit5.RoutingTest
class RoutingTest {
    static final String TOKEN = "routing-test-token";
    private final DirectClient client;

    RoutingTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        new ApiServer().module(new PlanRoutes(null)).routing(routing, TOKEN, null);
    }

    @Test
    void anUnknownPathIs404Problem() {
        try (Http1ClientResponse r = authorized(Method.GET, "/v1/nothing").request()) {
            assertThat(assertProblem(r, 404).get("detail").asText()).contains("/v1/nothing");
        }
    }

    @Test
    void aKnownPathWithAnotherMethodIs405WithAllow() {
        try (Http1ClientResponse r = authorized(Method.DELETE, "/v1/plans").request()) {
            assertProblem(r, 405);
            assertThat(r.headers().first(HeaderNames.ALLOW)).hasValue("GET, POST");
        }
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        try (Http1ClientResponse r = authorized(Method.POST, "/v1/plans")
                .header(HeaderNames.CONTENT_TYPE, "text/plain").submit("goal=x")) {
            assertProblem(r, 415);
        }
    }

    @Test
    void malformedJsonAndABlankGoalAre400() {
        try (Http1ClientResponse r = json("{\"goal\":")) {
            assertThat(assertProblem(r, 400).get("detail").asText()).contains("not valid JSON");
        }
        try (Http1ClientResponse r = json("{\"goal\":\"  \"}")) {
            assertThat(assertProblem(r, 400).get("errors").get(0).get("field").asText()).isEqualTo("goal");
        }
    }

    @Test
    void withoutTheTokenEveryRouteIs401ButTheProbes() {
        try (Http1ClientResponse r = client.method(Method.GET).path("/v1/plans").request()) {
            assertProblem(r, 401);
            assertThat(r.headers().first(HeaderNames.WWW_AUTHENTICATE)).hasValue("Bearer realm=\"ossaat\"");
        }
        try (Http1ClientResponse r = client.method(Method.GET).path("/healthz").request()) {
            assertThat(r.status().code()).isEqualTo(200);
        }
    }

    private Http1ClientRequest authorized(Method method, String path) {
        return client.method(method).path(path).header(HeaderNames.AUTHORIZATION, "Bearer " + TOKEN);
    }

    private Http1ClientResponse json(String body) {
        return authorized(Method.POST, "/v1/plans").header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(body);
    }

    /** Asserts a problem+json answer with this status and returns the problem. */
    private static JsonNode assertProblem(Http1ClientResponse r, int status) {
        assertThat(r.status().code()).isEqualTo(status);
        assertThat(r.headers().first(HeaderNames.CONTENT_TYPE)).hasValue(Problems.MEDIA_TYPE);
        JsonNode problem;
        try {
            problem = Json.MAPPER.readTree(r.as(String.class));
        } catch (java.io.IOException e) {
            throw new AssertionError("the body is not JSON", e);
        }
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }
}

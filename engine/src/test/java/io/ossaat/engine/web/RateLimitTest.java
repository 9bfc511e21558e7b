package io.ossaat.engine.web;

import static io.ossaat.engine.web.ErrorResponsesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.ossaat.engine.Engine;
import io.ossaat.engine.config.EngineConfig;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client over its limit gets 429 with Retry-After and the RateLimit headers, by token and by address. */
class RateLimitTest {
    static Engine engine;

    @BeforeAll
    static void start() {
        // a token may make 5 requests at once, an address 12, both refilled at 1 per second
        engine = TestEngines.start(EngineConfig.forDataDir(TestEngines.newDataDir())
                .withRateLimits(new EngineConfig.RateLimits(1, 5, 1, 12)));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aTokenOverItsLimitGets429ThenItsAddressDoesEvenWithoutAToken() {
        Api api = TestEngines.api(engine);
        List<Api.Response> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(api.get("/v1/plans?limit=1"));
        }
        assertThat(answers.subList(0, 4)).allMatch(r -> r.status() == 200);
        Api.Response limited = answers.getLast();
        assertProblem(limited, 429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 2L);
        assertThat(limited.header("RateLimit-Policy")).isEqualTo("\"principal\";q=5;w=5");
        assertThat(limited.header("RateLimit")).startsWith("\"principal\";r=0;t=");
        assertThat(limited.json().get("detail").asText()).contains("retry after");

        // the address bucket (12) was drawn on by all 8; requests with a wrong token drain the rest
        Api stranger = new Api(api.base(), "not-the-token");
        List<Integer> statuses = new ArrayList<>();
        Api.Response last = null;
        for (int i = 0; i < 12; i++) {
            last = stranger.get("/v1/plans");
            statuses.add(last.status());
        }
        assertThat(statuses).contains(401).endsWith(429);
        assertProblem(last, 429);
        assertThat(last.header("RateLimit-Policy")).isEqualTo("\"address\";q=12;w=12");
        assertThat(last.header("Retry-After")).isNotBlank();
    }
}

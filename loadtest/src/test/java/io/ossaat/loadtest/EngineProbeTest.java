package io.ossaat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probe against a real socket: an engine stand-in that serves /metrics and, when told, /v1/slo. */
class EngineProbeTest {
    private final AtomicReference<String> slo = new AtomicReference<>();
    private final AtomicReference<String> seenToken = new AtomicReference<>();
    private WebServer server;

    private EngineProbe start(String token) {
        server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r
                .get("/metrics", (req, res) -> res.send(
                        MetricsTextTest.series("POST", "/v1/plans", 201, 90, 0, 0, 0, 0, 0, 10)
                        + MetricsTextTest.series("GET", "/healthz", 200, 50)))
                .get("/v1/slo", (req, res) -> {
                    seenToken.set(req.headers().first(io.helidon.http.HeaderNames.AUTHORIZATION).orElse(null));
                    if ("Bearer wrong".equals(seenToken.get())) {
                        res.status(Status.UNAUTHORIZED_401).send();
                    } else if (slo.get() == null) {
                        res.status(Status.NOT_FOUND_404).send();
                    } else {
                        res.send(slo.get());
                    }
                })).build().start();
        return new EngineProbe(URI.create("http://127.0.0.1:" + server.port()), token);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void withoutAnSloMonitorCountsComeFromTheHistogram() {
        Snapshot s = start("t0k3n").snapshot(Slos.shipped());

        assertThat(s.engine()).isEmpty();
        assertThat(s.metrics().get("plan-create-latency")).extracting(Counts::good, Counts::total)
                .containsExactly(90L, 100L);
        assertThat(s.metrics().get("health-latency").total()).isEqualTo(50);
        assertThat(seenToken.get()).isEqualTo("Bearer t0k3n");
    }

    @Test
    void withAnSloMonitorItsCountsAreKeptToo() {
        slo.set("[{\"name\":\"step-dispatch\",\"goodEvents\":7,\"totalEvents\":8}]");

        Snapshot s = start(null).snapshot(Slos.shipped());

        assertThat(s.engine().get("step-dispatch")).extracting(Counts::good, Counts::total).containsExactly(7L, 8L);
        assertThat(seenToken.get()).isNull();
    }

    @Test
    void anEngineThatIsNotThereIsAClearError() {
        EngineProbe nowhere = new EngineProbe(URI.create("http://127.0.0.1:1"), null);

        assertThatThrownBy(() -> nowhere.snapshot(Slos.shipped())).isInstanceOf(EngineProbe.EngineException.class)
                .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void aRefusedTokenSaysHowToPassOne() {
        EngineProbe probe = start("wrong");

        assertThatThrownBy(() -> probe.snapshot(Slos.shipped())).isInstanceOf(EngineProbe.EngineException.class)
                .hasMessageContaining("refused the token").hasMessageContaining("OSSAAT_TOKEN");
    }
}

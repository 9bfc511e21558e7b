package io.ossaat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class HelloWorldTest {
    @Test
    void answersTheEnginesHealthzBodyOnARealSocket() {
        var server = HelloWorld.start("127.0.0.1", 0);
        try {
            var res = new EngineProbe(URI.create("http://127.0.0.1:" + server.port()), null).get("healthz");

            assertThat(res.status()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("{\"status\":\"ok\"}");
        } finally {
            server.stop();
        }
    }
}

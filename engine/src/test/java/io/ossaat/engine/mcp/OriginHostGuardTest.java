package io.ossaat.engine.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class OriginHostGuardTest {

    private final OriginHostGuard loopback = new OriginHostGuard(OriginHostGuard.LOOPBACK);

    @Test
    void loopbackHostsPassOnAnyPort() {
        for (String host : List.of("localhost", "localhost:8080", "127.0.0.1:1", "[::1]:65535", "LOCALHOST:9")) {
            assertThat(loopback.check(host, null)).as(host).isNull();
        }
    }

    @Test
    void reboundHostsAreRefused() {
        for (String host : List.of("evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io",
                "localhost:notaport", "[::1", "", "user@localhost")) {
            assertThat(loopback.check(host, null)).as(host).isNotNull();
        }
        assertThat(loopback.check(null, null)).isEqualTo("missing Host header");
    }

    @Test
    void browserOriginsMustBeLoopbackHttp() {
        assertThat(loopback.check("localhost", "http://localhost:3000")).isNull();
        assertThat(loopback.check("localhost", "https://127.0.0.1")).isNull();
        assertThat(loopback.check("localhost", "http://[::1]:8080/")).isNull();
        assertThat(loopback.check("localhost", "http://evil.example")).contains("Origin");
        assertThat(loopback.check("localhost", "null")).contains("Origin");
        assertThat(loopback.check("localhost", "file://localhost")).contains("Origin");
        assertThat(loopback.check("localhost", "vscode-webview://abc")).contains("Origin");
    }

    @Test
    void entriesCanPinAPortOrNameAnExactOrigin() {
        OriginHostGuard guard = new OriginHostGuard(List.of("ossaat.internal:8443", "vscode-webview://abc"));

        assertThat(guard.check("ossaat.internal:8443", null)).isNull();
        assertThat(guard.check("ossaat.internal:8444", null)).isNotNull();
        assertThat(guard.check("ossaat.internal", null)).isNotNull();
        assertThat(guard.check("ossaat.internal:8443", "https://ossaat.internal:8443")).isNull();
        assertThat(guard.check("ossaat.internal:8443", "vscode-webview://abc")).isNull();
        assertThat(guard.check("ossaat.internal:8443", "vscode-webview://other")).isNotNull();
        assertThat(guard.check("localhost", null)).isNotNull();
    }

    @Test
    void wildcardLetsEverythingThrough() {
        assertThat(new OriginHostGuard(List.of("*")).check("anything.example", "http://evil.example")).isNull();
    }

    @Test
    void badAllowListsFailAtConstruction() {
        assertThatThrownBy(() -> new OriginHostGuard(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OriginHostGuard(List.of("host:port")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port");
        assertThatThrownBy(() -> HelidonMcpTransport.builder().allowedHosts(List.of("a/b")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.ossaat.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.ossaat.engine.Engine;
import io.ossaat.engine.config.EngineConfig;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Without a token ({@code --insecure-no-auth}) a web page must not drive the engine: DNS rebinding sends the
 * attacker's host name, a cross-site form or fetch sends its origin, and a body without a JSON content type is what
 * a page can send without a CORS preflight. Raw sockets, because java.net.http will not set Host.
 */
class InsecureNoAuthTest {
    static Engine engine;

    @BeforeAll
    static void start() {
        EngineConfig d = EngineConfig.forDataDir(TestEngines.newDataDir());
        engine = TestEngines.start(new EngineConfig(d.bind(), 0, d.dataDir(), Optional.empty(), Optional.empty(), true,
                2, null, d.workspaceRoots(), d.keepWorktrees(), d.rateLimits(), Optional.empty(), List.of()));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aRebindingHostIsRefusedOnEveryRoute() throws IOException {
        String plan = Api.planBody("rebound", "careful");
        Raw created = send("POST", "/v1/plans", "evil.example:" + engine.port(), null, "application/json", plan);
        assertThat(created.status()).isEqualTo(403);
        assertThat(created.head()).containsIgnoringCase("content-type: application/problem+json");
        assertThat(created.body()).contains("Host 'evil.example:" + engine.port() + "' is not allowed");
        assertThat(send("GET", "/v1/plans", "evil.example", null, null, null).status()).isEqualTo(403);
        assertThat(send("GET", "/healthz", "evil.example", null, null, null).status()).isEqualTo(403);
        assertThat(list()).doesNotContain("rebound");
    }

    @Test
    void aCrossSiteOriginIsRefusedEvenWithALoopbackHost() throws IOException {
        String id = id(send("POST", "/v1/plans", loopback(), null, "application/json",
                Api.planBody("wait for me", "careful")));
        Raw approve = send("POST", "/v1/plans/" + id + "/steps/index_repo/approve", loopback(),
                "http://evil.example", null, null);
        assertThat(approve.status()).isEqualTo(403);
        assertThat(approve.body()).contains("Origin 'http://evil.example' is not allowed");
        assertThat(send("GET", "/v1/plans/" + id, loopback(), null, null, null).body())
                .contains("\"state\":\"waiting_approval\"");
        assertThat(send("POST", "/v1/plans/" + id + "/steps/index_repo/approve", loopback(),
                "http://localhost:" + engine.port(), null, null).status()).isEqualTo(200);
    }

    @Test
    void aBodyWithoutTheJsonContentTypeIs415() throws IOException {
        Raw none = send("POST", "/v1/plans", loopback(), null, null, "{\"goal\":\"untyped\"}");
        assertThat(none.status()).isEqualTo(415);
        assertThat(none.body()).contains("Content-Type: application/json");
        assertThat(send("POST", "/v1/plans", loopback(), null, "text/plain", "{\"goal\":\"untyped\"}").status())
                .isEqualTo(415);
        assertThat(send("POST", "/v1/plans", loopback(), null, "application/x-www-form-urlencoded",
                "{\"goal\":\"untyped\"}").status()).isEqualTo(415);
        assertThat(list()).doesNotContain("untyped");
    }

    // ---------------------------------------------------------------- helpers

    record Raw(int status, String head, String body) {
    }

    private static String loopback() {
        return "127.0.0.1:" + engine.port();
    }

    private static String list() throws IOException {
        return send("GET", "/v1/plans", loopback(), null, null, null).body();
    }

    private static String id(Raw created) {
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.body().replaceAll("(?s)^\\{\"id\":\"([^\"]+)\".*", "$1");
    }

    private static Raw send(String method, String path, String host, String origin, String type, String body)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: close\r\nContent-Length: " + bytes.length + "\r\n");
        if (origin != null) {
            head.append("Origin: ").append(origin).append("\r\n");
        }
        if (type != null) {
            head.append("Content-Type: ").append(type).append("\r\n");
        }
        try (Socket s = new Socket("127.0.0.1", engine.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder top = new StringBuilder();
            while (top.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before the headers ended: " + top);
                }
                top.append((char) b);
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(top);
            String text = new String(in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0),
                    StandardCharsets.UTF_8);
            return new Raw(Integer.parseInt(top.substring(9, 12)), top.toString(), text);
        }
    }
}

package io.ossaat.engine.mcp;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

import io.helidon.webserver.WebServer;
import io.ossaat.engine.Engine;
import io.ossaat.engine.testing.SharedEngine;

/**
 * One test setup: a real Helidon server on a free loopback port with an MCP endpoint at /mcp whose transport the
 * test configures, calling the services of a real engine (embedded Postgres and Redis).
 */
final class McpTestServer implements AutoCloseable {

    final Engine engine = SharedEngine.get();
    final HelidonMcpTransport transport;
    final OssaatMcpServer mcp;
    final WebServer server;

    private McpTestServer(HelidonMcpTransport transport, Duration progressWait) {
        this.transport = transport;
        this.mcp = OssaatMcpServer.builder(transport)
                .services(engine.plans(), engine.actions(), engine.slo(), engine.events())
                .version("test").progressWait(progressWait).build();
        this.server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .shutdownGracePeriod(Duration.ofMillis(100))
                .routing(r -> r.register("/mcp", transport))
                .build()
                .start();
    }

    static McpTestServer start() {
        return start(b -> b);
    }

    static McpTestServer start(UnaryOperator<HelidonMcpTransport.Builder> settings) {
        return new McpTestServer(settings.apply(HelidonMcpTransport.builder()).build(), Duration.ofSeconds(20));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    URI mcpUri() {
        return URI.create(baseUrl() + "/mcp");
    }

    @Override
    public void close() {
        mcp.close();
        server.stop();
    }
}

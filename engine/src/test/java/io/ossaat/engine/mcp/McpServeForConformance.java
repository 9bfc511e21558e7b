package io.ossaat.engine.mcp;

import java.time.Duration;

import io.helidon.webserver.WebServer;
import io.ossaat.engine.Engine;
import io.ossaat.engine.plans.NewPlan;
import io.ossaat.engine.testing.TestEngines;

/**
 * Serves the MCP endpoint of a throw-away engine on a port without a token, for running the official conformance
 * suite ({@code npx -y -p node@22 -p @modelcontextprotocol/conformance -c 'conformance server --url
 * http://localhost:PORT/mcp'}). Not a test; run it from the test classpath with the port as its argument.
 */
public final class McpServeForConformance {

    private McpServeForConformance() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18765;
        Engine engine = TestEngines.start();
        HelidonMcpTransport transport = HelidonMcpTransport.builder().build();
        OssaatMcpServer mcp = OssaatMcpServer.builder(transport)
                .services(engine.plans(), engine.actions(), engine.slo(), engine.events())
                .version("conformance").progressWait(Duration.ofSeconds(5)).build();
        engine.plans().create(new NewPlan("a plan to read", "careful", null,
                java.util.Map.of("patch", io.ossaat.engine.testing.Workspaces.NEW_FILE_PATCH), null), null);
        WebServer server = WebServer.builder().host("127.0.0.1").port(port)
                .routing(r -> r.register("/mcp", transport)).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mcp.close();
            server.stop();
            engine.close();
        }));
        System.out.println("ready: http://localhost:" + server.port() + "/mcp");
        Thread.currentThread().join();
    }
}

/**
 * The engine as a Model Context Protocol server over Streamable HTTP ({@code /mcp}).
 *
 * <p>Wiring, all explicit:
 * <pre>{@code
 * HelidonMcpTransport transport = HelidonMcpTransport.builder()
 *         .allowedHosts(config.mcpAllowedHosts())            // default: localhost, 127.0.0.1, [::1]
 *         .principal(req -> tokenFingerprint(req))           // binds sessions to the caller; null when auth is off
 *         .build();
 * OssaatMcpServer mcp = OssaatMcpServer.builder(transport)
 *         .services(plans, actions, slo, events)             // the same services the HTTP API calls
 *         .build();
 * routing.register("/mcp", transport);                       // after the bearer-token filter
 * // on shutdown:
 * mcp.close();
 * }</pre>
 *
 * <p>Public types: {@link io.ossaat.engine.mcp.HelidonMcpTransport} (HTTP, Origin/Host check) and
 * {@link io.ossaat.engine.mcp.OssaatMcpServer} (tools, resources, progress). Package-private: {@code JsonRpc}
 * (message framing), {@code McpSessions} (the sessions registry), {@code SseStream} (one SSE response as the SDK's
 * stream), {@code McpErrors} (problems as MCP answers), {@code ToolSchemas}, {@code PlanProgress}.
 */
package io.ossaat.engine.mcp;

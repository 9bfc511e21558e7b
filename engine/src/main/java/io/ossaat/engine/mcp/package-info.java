/**
 * The engine as a Model Context Protocol server over Streamable HTTP ({@code /mcp}).
 *
 * <p>Wiring, all explicit:
 * <pre>{@code
 * McpBackend backend = ...;                                  // the engine's adapter over the plan service
 * HelidonMcpTransport transport = HelidonMcpTransport.builder()
 *         .allowedHosts(config.mcpAllowedHosts())            // default: localhost, 127.0.0.1, [::1]
 *         .principal(req -> tokenFingerprint(req))           // binds sessions to the caller; null when auth is off
 *         .build();
 * OssaatMcpServer mcp = OssaatMcpServer.create(transport, backend);
 * routing.register("/mcp", transport);                       // after the bearer-token filter
 * // on shutdown:
 * mcp.close();
 * }</pre>
 *
 * <p>Public types: {@link io.ossaat.engine.mcp.HelidonMcpTransport} (HTTP, sessions, Origin/Host check),
 * {@link io.ossaat.engine.mcp.OssaatMcpServer} (tools, resources, progress) and
 * {@link io.ossaat.engine.mcp.McpBackend} (what the engine provides). Everything else is package-private.
 */
package io.ossaat.engine.mcp;

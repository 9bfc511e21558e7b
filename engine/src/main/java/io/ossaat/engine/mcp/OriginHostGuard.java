package io.ossaat.engine.mcp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the {@code Host} and {@code Origin} headers of a request against an allow-list (every MCP request, and
 * every request when the engine runs without a token), against DNS
 * rebinding: a web page from {@code http://evil.example} that resolves its name to 127.0.0.1 sends
 * {@code Host: evil.example} and {@code Origin: http://evil.example}; both are refused.
 *
 * <p>An allow-list entry is one of
 * <ul>
 *   <li>a host name or address ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}): that host on any port, for
 *       the Host header and for http/https origins;</li>
 *   <li>a host with a port ({@code ossaat.internal:8443}): that host on that port only;</li>
 *   <li>an origin ({@code vscode-webview://abc}, {@code https://console.example:8443}): exactly that origin;</li>
 *   <li>{@code *}: anything (only for deployments behind a proxy that checks these headers itself).</li>
 * </ul>
 * A request without an {@code Origin} header is not from a browser and passes the origin check.
 */
public final class OriginHostGuard {

    public static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> hosts;
    private final Set<String> hostPorts;
    private final Set<String> origins;
    private final boolean any;

    public OriginHostGuard(List<String> allowed) {
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("the MCP host allow-list is empty: every request would be refused");
        }
        Set<String> normalized = allowed.stream()
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        for (String entry : normalized) {
            if (!entry.equals("*") && !entry.contains("://") && parseHostPort(entry) == null) {
                throw new IllegalArgumentException("not a host, host:port or origin in the MCP allow-list: " + entry);
            }
        }
        this.any = normalized.contains("*");
        this.origins = normalized.stream().filter(s -> s.contains("://"))
                .map(OriginHostGuard::stripSlash).collect(Collectors.toUnmodifiableSet());
        this.hosts = normalized.stream().filter(s -> !s.contains("://") && !s.equals("*"))
                .filter(s -> parseHostPort(s).port() < 0).collect(Collectors.toUnmodifiableSet());
        this.hostPorts = normalized.stream().filter(s -> !s.contains("://") && !s.equals("*"))
                .filter(s -> parseHostPort(s).port() >= 0).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Checks both headers.
     *
     * @param host   the Host header, or null
     * @param origin the Origin header, or null
     * @return null when the request may pass, else why it may not
     */
    public String check(String host, String origin) {
        if (any) {
            return null;
        }
        if (host == null || host.isBlank()) {
            return "missing Host header";
        }
        if (!hostAllowed(host)) {
            return "Host '" + host + "' is not allowed";
        }
        if (origin != null && !originAllowed(origin)) {
            return "Origin '" + origin + "' is not allowed";
        }
        return null;
    }

    private boolean hostAllowed(String header) {
        HostPort hp = parseHostPort(header.strip().toLowerCase(Locale.ROOT));
        if (hp == null) {
            return false;
        }
        return hosts.contains(hp.host()) || (hp.port() >= 0 && hostPorts.contains(hp.host() + ":" + hp.port()));
    }

    private boolean originAllowed(String header) {
        String origin = stripSlash(header.strip().toLowerCase(Locale.ROOT));
        if (origins.contains(origin)) {
            return true;
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (host == null || !("http".equals(scheme) || "https".equals(scheme))) {
            return false; // "null", file:, and foreign schemes only pass when listed exactly
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
        return hosts.contains(host) || hostPorts.contains(host + ":" + port);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** host[:port], with IPv6 literals in brackets; null when malformed. */
    static HostPort parseHostPort(String value) {
        String host;
        String rest;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                return null;
            }
            host = value.substring(0, end + 1);
            rest = value.substring(end + 1);
        } else {
            int colon = value.indexOf(':');
            host = colon < 0 ? value : value.substring(0, colon);
            rest = colon < 0 ? "" : value.substring(colon);
            if (host.isEmpty() || host.contains("/") || host.contains("@")) {
                return null;
            }
        }
        if (rest.isEmpty()) {
            return new HostPort(host, -1);
        }
        if (!rest.startsWith(":") || rest.length() == 1) {
            return null;
        }
        try {
            int port = Integer.parseInt(rest.substring(1));
            return port < 0 || port > 65535 ? null : new HostPort(host, port);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    record HostPort(String host, int port) {
    }
}

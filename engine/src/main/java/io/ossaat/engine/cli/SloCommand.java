package io.ossaat.engine.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ossaat slo status}: the SLO table of a running engine; a CI job can gate on its exit code. */
@Command(name = "slo", description = "Service level objectives of a running engine.",
        mixinStandardHelpOptions = true, subcommands = SloCommand.Status.class)
public final class SloCommand {

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Print every SLO's SLI, error budget, burn rates and alert state.",
                    "Exits 1 when a page alert fires or an error budget is exhausted, so CI can gate on it."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every SLO is healthy (or only a ticket alert)", "1:a page alert fires or a budget is spent",
                    "3:the engine cannot be reached or refused the token"})
    static final class Status implements Callable<Integer> {
        @Option(names = "--url", paramLabel = "URL", description = "the engine (default $OSSAAT_URL or http://127.0.0.1:7070)")
        String url;

        @Option(names = "--token", paramLabel = "T", description = "bearer token (default $OSSAAT_TOKEN)")
        String token;

        @Option(names = "--json", description = "print the raw statuses as JSON")
        boolean json;

        @Override
        public Integer call() {
            String base = url != null ? url : System.getenv().getOrDefault("OSSAAT_URL", "http://127.0.0.1:7070");
            String bearer = token != null ? token : System.getenv("OSSAAT_TOKEN");
            JsonNode items;
            try {
                HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/v1/slo"))
                        .timeout(Duration.ofSeconds(10)).GET();
                if (bearer != null && !bearer.isBlank()) {
                    req.header("Authorization", "Bearer " + bearer);
                }
                HttpResponse<String> res = HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() != 200) {
                    System.err.println("ossaat: " + base + " answered " + res.statusCode()
                            + (res.statusCode() == 401 ? " (set --token or OSSAAT_TOKEN)" : "") + ": " + res.body());
                    return 3;
                }
                items = Json.MAPPER.readTree(res.body()).get("items");
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("ossaat: cannot reach " + base + ": " + e.getMessage());
                return 3;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 3;
            }
            boolean breach = false;
            for (JsonNode s : items) {
                breach |= "PAGE".equals(s.path("alert").asText()) || s.path("budgetExhausted").asBoolean();
            }
            if (json) {
                System.out.println(items.toPrettyString());
            } else {
                System.out.print(table(items));
            }
            return breach ? 1 : 0;
        }
    }

    static String table(JsonNode items) {
        StringBuilder out = new StringBuilder();
        String fmt = "%-22s %9s %9s %11s %8s %8s %7s %s%n";
        out.append(String.format(Locale.ROOT, fmt, "SLO", "OBJECTIVE", "SLI", "BUDGET LEFT", "BURN 5m", "BURN 1h", "ALERT",
                "EVENTS"));
        for (JsonNode s : items) {
            out.append(String.format(Locale.ROOT, fmt, s.path("name").asText(),
                    pct(s.path("objective").asDouble()), pct(s.path("sli").asDouble()),
                    pct(s.path("budgetRemaining").asDouble()),
                    String.format(Locale.ROOT, "%.2fx", s.path("burnRates").path("5m").asDouble()),
                    String.format(Locale.ROOT, "%.2fx", s.path("burnRates").path("1h").asDouble()),
                    s.path("alert").asText(),
                    s.path("totalEvents").asLong() + (s.path("enoughData").asBoolean(true) ? "" : " (too few to judge)")));
        }
        return out.toString();
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.3f%%", v * 100);
    }
}

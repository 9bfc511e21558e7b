package io.ossaat.engine.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.DataDir;
import io.ossaat.engine.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ossaat token create|list|revoke}: the owner manages the API tokens of a running engine through
 * {@code /v1/tokens}, with the owner's token from {@code --token}, {@code OSSAAT_TOKEN} or the data dir.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Make, list and revoke API tokens of a running engine (the owner's token is needed).",
                "Roles: approver (read, approve/reject, cancel), agent (create plans, read, cancel; never",
                "approves: give this one to an LLM's MCP client), viewer (read only)."},
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
public final class TokenCommand {

    /** Where the engine is and the owner's token. */
    static final class Target {
        @Option(names = "--url", paramLabel = "URL", description = "the engine (default $OSSAAT_URL or http://127.0.0.1:7070)")
        String url;

        @Option(names = "--token", paramLabel = "T",
                description = "the owner's token (default $OSSAAT_TOKEN, else the token file in the data dir)")
        String token;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "where the token file is (default $OSSAAT_DATA_DIR or ~/.ossaat)")
        String dataDir;

        String base() {
            return (url != null ? url : System.getenv().getOrDefault("OSSAAT_URL", "http://127.0.0.1:7070"))
                    .replaceAll("/+$", "");
        }

        String bearer() throws IOException {
            if (token != null) {
                return token;
            }
            String env = System.getenv("OSSAAT_TOKEN");
            if (env != null && !env.isBlank()) {
                return env;
            }
            String dirText = dataDir != null ? dataDir : System.getenv("OSSAAT_DATA_DIR");
            Path dir = dirText != null ? Path.of(dirText) : Path.of(System.getProperty("user.home"), ".ossaat");
            return Files.readString(dir.resolve(DataDir.TOKEN)).trim();
        }

        /** Sends the request; prints the problem and returns null unless the status is {@code expected}. */
        HttpResponse<String> send(String method, String path, String json, int expected)
                throws IOException, InterruptedException {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + bearer())
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                req.header("Content-Type", "application/json");
            }
            HttpResponse<String> res = HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != expected) {
                String detail = res.body();
                try {
                    detail = Json.MAPPER.readTree(res.body()).path("detail").asText(res.body());
                } catch (IOException e) {
                    // not problem+json: print it as it came
                }
                System.err.println("ossaat: " + base() + " answered " + res.statusCode() + ": " + detail);
                return null;
            }
            return res;
        }
    }

    /** Runs a request and maps an unreachable engine to exit 3. */
    abstract static class Remote implements Callable<Integer> {
        @Mixin
        Target target;

        abstract int run() throws IOException, InterruptedException;

        @Override
        public Integer call() {
            try {
                return run();
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("ossaat: cannot reach " + target.base() + " or read the owner's token: " + e.getMessage());
                return 3;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 3;
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Make a token; its secret is printed once, on stdout.")
    static final class Create extends Remote {
        @Option(names = "--role", required = true, paramLabel = "R", description = "approver, agent or viewer")
        String role;

        @Option(names = "--label", required = true, paramLabel = "L",
                description = "who or what uses it (recorded with each decision), e.g. alice or claude-desktop")
        String label;

        @Override
        int run() throws IOException, InterruptedException {
            HttpResponse<String> res = target.send("POST", "/v1/tokens",
                    Json.write(java.util.Map.of("role", role, "label", label)), 201);
            if (res == null) {
                return 1;
            }
            JsonNode t = Json.MAPPER.readTree(res.body());
            System.err.println("ossaat: token " + t.path("id").asText() + " (" + t.path("role").asText() + ", '"
                    + t.path("label").asText() + "'); its secret is shown only now:");
            System.out.println(t.path("token").asText());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every token (never their secrets).")
    static final class ListTokens extends Remote {
        @Override
        int run() throws IOException, InterruptedException {
            HttpResponse<String> res = target.send("GET", "/v1/tokens", null, 200);
            if (res == null) {
                return 1;
            }
            String fmt = "%-21s %-9s %-24s %-20s %-20s %s%n";
            System.out.printf(Locale.ROOT, fmt, "ID", "ROLE", "LABEL", "CREATED", "LAST USED", "REVOKED");
            for (JsonNode t : Json.MAPPER.readTree(res.body()).path("items")) {
                System.out.printf(Locale.ROOT, fmt, t.path("id").asText(), t.path("role").asText(),
                        t.path("label").asText(), minute(t.path("createdAt")), minute(t.path("lastUsedAt")),
                        minute(t.path("revokedAt")));
            }
            return 0;
        }

        private static String minute(JsonNode time) {
            return time.isMissingNode() || time.isNull() ? "-" : time.asText().replaceAll("T(\\d\\d:\\d\\d).*", " $1");
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token: it stops working on every instance at once.")
    static final class Revoke extends Remote {
        @Parameters(paramLabel = "ID", description = "the token's id, as 'token list' shows it")
        String id;

        @Override
        int run() throws IOException, InterruptedException {
            HttpResponse<String> res = target.send("DELETE", "/v1/tokens/" + java.net.URLEncoder.encode(id,
                    java.nio.charset.StandardCharsets.UTF_8), null, 204);
            if (res == null) {
                return 1;
            }
            System.err.println("ossaat: token " + id + " revoked");
            return 0;
        }
    }
}

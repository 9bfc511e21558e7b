package io.ossaat.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Json;
import io.ossaat.engine.cli.Main;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.SharedEngine;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.Test;

/**
 * Tokens with roles against a real engine: the owner makes them, an agent can create but never approve (so a plan
 * it made cannot get past a human), an approver decides, a viewer only reads, and a revoked token is refused.
 */
class TokenRolesTest {
    final Api owner = SharedEngine.api();

    @Test
    void theOwnerMakesListsAndRevokesTokensAndTheSecretIsShownOnce() {
        Api.Response made = owner.post("/v1/tokens", "{\"role\":\"viewer\",\"label\":\"dashboard\"}");
        assertThat(made.status()).isEqualTo(201);
        JsonNode t = made.json();
        assertThat(t.get("id").asText()).startsWith("tok_");
        assertThat(t.get("role").asText()).isEqualTo("viewer");
        assertThat(t.get("label").asText()).isEqualTo("dashboard");
        assertThat(t.get("createdAt").asText()).isNotBlank();
        String secret = t.get("token").asText();
        Api viewer = as(secret);
        assertThat(viewer.get("/v1/plans").status()).isEqualTo(200);

        JsonNode listed = item(owner.get("/v1/tokens").json(), t.get("id").asText());
        assertThat(listed.has("token")).isFalse();
        assertThat(owner.get("/v1/tokens").body()).doesNotContain(secret);
        assertThat(listed.get("lastUsedAt").asText()).isNotBlank();
        assertThat(listed.has("revokedAt")).isFalse();

        assertThat(owner.send(owner.builder("/v1/tokens/" + t.get("id").asText()).DELETE().build()).status())
                .isEqualTo(204);
        assertThat(viewer.get("/v1/plans").status()).isEqualTo(401);
        assertThat(item(owner.get("/v1/tokens").json(), t.get("id").asText()).get("revokedAt").asText()).isNotBlank();
        assertThat(owner.send(owner.builder("/v1/tokens/tok_nothing").DELETE().build()).status()).isEqualTo(404);
    }

    @Test
    void aBadRoleOrLabelIs400NamingTheField() {
        assertField(owner.post("/v1/tokens", "{\"role\":\"admin\",\"label\":\"x\"}"), "role");
        assertField(owner.post("/v1/tokens", "{\"role\":\"owner\",\"label\":\"x\"}"), "role");
        assertField(owner.post("/v1/tokens", "{\"role\":\"agent\",\"label\":\" \"}"), "label");
        assertField(owner.post("/v1/tokens", "{\"role\":\"agent\"}"), "label");
        assertField(owner.post("/v1/tokens", "{\"role\":\"agent\",\"label\":\"" + "x".repeat(65) + "\"}"), "label");
        assertField(owner.post("/v1/tokens", "{\"role\":\"agent\",\"label\":\"a\\u0007b\"}"), "label");
    }

    @Test
    void onlyTheOwnerManagesTokensAnd403NamesTheRole() {
        Api approver = as(make("approver", "alice"));
        Api.Response r = approver.get("/v1/tokens");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).contains("needs the role owner").contains("'alice'")
                .contains("approver");
        assertThat(approver.post("/v1/tokens", "{\"role\":\"approver\",\"label\":\"mallory\"}").status())
                .isEqualTo(403);
    }

    @Test
    void aViewerOnlyReads() {
        Api viewer = as(make("viewer", "wallboard"));
        String id = owner.createPlan("viewer test").get("id").asText();
        assertThat(viewer.get("/v1/plans/" + id).status()).isEqualTo(200);
        assertThat(viewer.get("/v1/slo").status()).isEqualTo(200);
        Api.Response create = viewer.post("/v1/plans", Api.planBody("no"));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.json().get("detail").asText()).contains("agent or owner");
        assertThat(viewer.post("/v1/plans/" + id + "/cancel", "{}").status()).isEqualTo(403);
    }

    /** The hole this closes: an LLM with an agent token created a plan and approved its own risky step. */
    @Test
    void aPlanAnAgentMadeCannotFinishWithoutAnApprover() {
        Api agent = as(make("agent", "claude"));
        Api approver = as(make("approver", "alice"));
        Api.Response created = agent.post("/v1/plans", Json.write(Map.of("goal", "add NEW.md",
                "workspace", Workspaces.gitRepo().toString(), "inputs", Map.of("patch", Workspaces.NEW_FILE_PATCH, "testCommand", "test -f NEW.md"))));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        String path = "/v1/plans/" + id;
        int decided = 0;
        while (true) {
            JsonNode plan = waitUntilSettled(agent, path);
            if (!plan.get("state").asText().equals("waiting_approval")) {
                assertThat(plan.get("state").asText()).isEqualTo("completed");
                break;
            }
            String step = waiting(plan);
            Api.Response self = agent.post(path + "/steps/" + step + "/approve", "{\"rationale\":\"trust me\"}");
            assertThat(self.status()).isEqualTo(403);
            assertThat(self.json().get("detail").asText()).contains("approver or owner").contains("has the role agent");
            assertThat(agent.post(path + "/steps/" + step + "/reject", "{}").status()).isEqualTo(403);
            assertThat(agent.get(path).json().get("state").asText()).isEqualTo("waiting_approval");

            Api.Response ok = approver.post(path + "/steps/" + step + "/approve", "{\"rationale\":\"reviewed\"}");
            assertThat(ok.status()).isEqualTo(200);
            decided++;
        }
        assertThat(decided).as("apply_changes and open_pr wait for a human").isGreaterThanOrEqualTo(2);
        JsonNode approval = step(agent.get(path).json(), "apply_changes").get("approval");
        assertThat(approval.get("decision").asText()).isEqualTo("approved");
        assertThat(approval.get("decidedBy").asText()).isEqualTo("alice");
        assertThat(approval.get("decidedByRole").asText()).isEqualTo("approver");
        assertThat(approval.get("rationale").asText()).isEqualTo("reviewed");
    }

    @Test
    void anAgentMayCancelButAnApproverMayNotCreate() {
        Api agent = as(make("agent", "copilot"));
        Api approver = as(make("approver", "bob"));
        assertThat(approver.post("/v1/plans", Api.planBody("no")).status()).isEqualTo(403);
        String id = agent.createPlan("cancel me").get("id").asText();
        assertThat(agent.post("/v1/plans/" + id + "/cancel", "{}").status()).isIn(200, 409);
    }

    @Test
    void theCommandLineMakesListsAndRevokesTokens() {
        String[] target = {"--url", owner.base(), "--token", owner.token()};
        Run made = cli(concat(new String[] {"token", "create", "--role", "agent", "--label", "cli-made"}, target));
        assertThat(made.code()).isZero();
        String secret = made.out().strip();
        assertThat(secret).startsWith("oss_");
        assertThat(as(secret).get("/v1/plans").status()).isEqualTo(200);

        Run listed = cli(concat(new String[] {"token", "list"}, target));
        assertThat(listed.code()).isZero();
        String line = listed.out().lines().filter(l -> l.contains("cli-made")).findFirst().orElseThrow();
        assertThat(line).contains("agent").doesNotContain(secret);

        assertThat(cli(concat(new String[] {"token", "revoke", line.split("\\s+")[0]}, target)).code()).isZero();
        assertThat(as(secret).get("/v1/plans").status()).isEqualTo(401);
        assertThat(cli(concat(new String[] {"token", "create", "--role", "boss", "--label", "x"}, target)).code())
                .isEqualTo(1);
    }

    // ---------------------------------------------------------------- helpers

    private String make(String role, String label) {
        Api.Response r = owner.post("/v1/tokens", Json.write(Map.of("role", role, "label", label)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    private Api as(String secret) {
        return new Api(owner.base(), secret);
    }

    private static JsonNode waitUntilSettled(Api api, String path) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String s = api.get(path).json().get("state").asText();
            return !s.equals("running");
        });
        return api.get(path).json();
    }

    private static String waiting(JsonNode plan) {
        for (JsonNode s : plan.get("steps")) {
            if (s.get("state").asText().equals("waiting_approval")) {
                return s.get("id").asText();
            }
        }
        throw new AssertionError("no waiting step in " + plan);
    }

    private static JsonNode step(JsonNode plan, String id) {
        for (JsonNode s : plan.get("steps")) {
            if (s.get("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no step " + id);
    }

    private static JsonNode item(JsonNode list, String id) {
        for (JsonNode t : list.get("items")) {
            if (t.get("id").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("token " + id + " not listed");
    }

    private static void assertField(Api.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
    }

    record Run(int code, String out) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true));
        try {
            return new Run(Main.commandLine().execute(args), out.toString());
        } finally {
            System.setOut(old);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

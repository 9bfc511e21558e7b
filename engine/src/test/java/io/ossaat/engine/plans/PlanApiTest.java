package io.ossaat.engine.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Json;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.RealEngine;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlanApiTest {
    @RegisterExtension
    static final RealEngine real = new RealEngine();

    @Test
    void createReturns201WithThePlanItsStepsAndLocation() {
        Api.Response r = real.api().post("/v1/plans", Json.write(Map.of("goal", "add a README",
                "inputs", Map.of("testCommand", "true", "patch", Workspaces.NEW_FILE_PATCH), "labels", Map.of("team", "core"))));
        assertThat(r.status()).isEqualTo(201);
        JsonNode plan = r.json();
        assertThat(r.header("Location")).isEqualTo("/v1/plans/" + plan.get("id").asText());
        assertThat(plan.get("goal").asText()).isEqualTo("add a README");
        assertThat(plan.get("agent").asText()).isEqualTo("default");
        assertThat(plan.get("state").asText()).isEqualTo("running");
        assertThat(plan.get("inputs").get("testCommand").asText()).isEqualTo("true");
        assertThat(plan.get("labels").get("team").asText()).isEqualTo("core");
        List<String> actions = new ArrayList<>();
        plan.get("steps").forEach(s -> actions.add(s.get("action").asText()));
        assertThat(actions).containsExactly("index_repo", "apply_changes", "run_tests", "open_pr");
        JsonNode apply = plan.get("steps").get(1);
        assertThat(apply.get("capability").asText()).isEqualTo("repo.write");
        assertThat(apply.get("approvalRequired").asBoolean()).isTrue();
        assertThat(plan.get("steps").get(0).get("approvalRequired").asBoolean()).isFalse();
        // the runner may already have picked the first step up
        assertThat(plan.get("steps").get(0).get("state").asText()).isIn("queued", "running", "failed");
        assertThat(apply.get("state").asText()).isEqualTo("pending");
        assertThat(apply.get("input").get("testCommand").asText()).isEqualTo("true");
    }

    @Test
    void theOriginalPostPlanRouteCreatesToo() {
        Api.Response r = real.api().post("/plan", Api.planBody("legacy caller"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(real.api().get("/v1/plans/" + r.json().get("id").asText()).json().get("goal").asText())
                .isEqualTo("legacy caller");
    }

    @Test
    void getReturnsTheStoredPlan() {
        JsonNode created = real.api().createPlan("get me back");
        Api.Response r = real.api().get("/v1/plans/" + created.get("id").asText());
        assertThat(r.status()).isEqualTo(200);
        for (String field : List.of("id", "goal", "agent", "inputs", "labels", "createdAt")) {
            assertThat(r.json().get(field)).as(field).isEqualTo(created.get(field));
        }
        assertThat(r.json().get("steps").findValuesAsText("id")).isEqualTo(created.get("steps").findValuesAsText("id"));
    }

    @Test
    void idempotencyKeyReturnsTheSamePlanOnRetry() {
        Api.Response first = real.api().post("/v1/plans", Api.planBody("only once"), "Idempotency-Key", "retry-1");
        Api.Response second = real.api().post("/v1/plans", Api.planBody("only once"), "Idempotency-Key", "retry-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
    }

    @Test
    void idempotencyKeyReusedForADifferentRequestIsAConflict() {
        real.api().post("/v1/plans", Api.planBody("first"), "Idempotency-Key", "reuse-1");
        Api.Response r = real.api().post("/v1/plans", Api.planBody("second"), "Idempotency-Key", "reuse-1");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void idempotencyKeyReusedWithOtherInputsOrLabelsIsAConflict() {
        String body = "{\"goal\":\"same goal\",\"inputs\":{\"patch\":\"+++ b/N.md\\n\",\"testCommand\":\"true\",\"n\":1},"
                + "\"labels\":{\"a\":\"b\"}}";
        assertThat(real.api().post("/v1/plans", body, "Idempotency-Key", "reuse-2").status()).isEqualTo(201);
        assertThat(real.api().post("/v1/plans", body.replace("1}", "1.0}"), "Idempotency-Key", "reuse-2").status())
                .as("the same number written differently is the same request").isEqualTo(200);
        Api.Response inputs = real.api().post("/v1/plans", body.replace("\"true\"", "\"rm -rf /\""), "Idempotency-Key", "reuse-2");
        assertThat(inputs.status()).isEqualTo(409);
        assertThat(inputs.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(real.api().post("/v1/plans", body.replace("\"b\"", "\"c\""), "Idempotency-Key", "reuse-2").status())
                .isEqualTo(409);
    }

    @Test
    void listSendsInputsOncePerPlanAndStopsAPageAtItsSizeBudget() {
        String big = "x".repeat(900_000);
        Set<String> bigIds = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            bigIds.add(real.api().post("/v1/plans", "{\"goal\":\"big " + i + "\",\"inputs\":{\"patch\":\"+++ b/N.md\\n\",\"blob\":\"" + big + "\"}}")
                    .json().get("id").asText());
        }
        JsonNode page = real.api().get("/v1/plans?limit=200").json();
        assertThat(page.get("items").size()).as("4 MiB of inputs fit five plans of 0.9 MB").isEqualTo(5);
        assertThat(page.get("nextCursor").asText()).isNotBlank();
        for (JsonNode plan : page.get("items")) {
            assertThat(plan.get("inputs").get("blob").asText()).hasSize(900_000);
            plan.get("steps").forEach(step -> assertThat(step.has("input")).isFalse());
        }
        JsonNode rest = real.api().get("/v1/plans?limit=200&cursor=" + page.get("nextCursor").asText()).json();
        Set<String> seen = new HashSet<>();
        page.get("items").forEach(p -> seen.add(p.get("id").asText()));
        rest.get("items").forEach(p -> seen.add(p.get("id").asText()));
        assertThat(seen).containsAll(bigIds);
    }

    @Test
    void concurrentRetriesWithOneKeyMakeOnePlan() throws Exception {
        Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                // careful waits for an approval: the log holds the create's events alone
                pool.submit(() -> ids.add(real.api().post("/v1/plans", Api.planBody("race", "careful"),
                        "Idempotency-Key", "race-1").json().get("id").asText()));
            }
        }
        assertThat(ids).hasSize(1);
        // the create's events once (the requests that lost the race wrote none), in the order written: the plan's,
        // then one per step in plan order
        String id = ids.iterator().next();
        List<String> written = new ArrayList<>();
        try (var c = real.engine().database().connection();
             var ps = c.prepareStatement("select coalesce(step_id, '-') || ' ' || state || ' ' || coalesce(summary, '')"
                     + " from events where plan_id = ? order by entry")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getString(1).strip());
                }
            }
        }
        assertThat(written).containsExactly("- waiting_approval plan created: race", "index_repo waiting_approval",
                "apply_changes pending", "run_tests pending", "open_pr pending");
    }

    @Test
    void listIsNewestFirstAndPagesWithACursorWithoutOverlap() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(real.api().createPlan("page " + i).get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        List<String> createdAt = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response r = real.api().get("/v1/plans?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).isEqualTo(200);
            r.json().get("items").forEach(p -> {
                seen.add(p.get("id").asText());
                createdAt.add(p.get("createdAt").asText());
            });
            cursor = r.json().has("nextCursor") ? r.json().get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(seen).doesNotHaveDuplicates().containsAll(created);
        List<String> sorted = new ArrayList<>(createdAt);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertThat(createdAt).isEqualTo(sorted);
    }

    @Test
    void listFiltersByState() {
        // without a workspace the first step (index_repo) fails, and so does the plan
        String id = real.api().createPlan("state filter").get("id").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> real.api().get("/v1/plans/" + id).json().get("state").asText().equals("failed"));
        JsonNode failed = real.api().get("/v1/plans?state=failed&limit=200").json().get("items");
        assertThat(failed.findValuesAsText("id")).contains(id);
        failed.forEach(p -> assertThat(p.get("state").asText()).isEqualTo("failed"));
        assertThat(real.api().get("/v1/plans?state=completed").json().get("items").findValuesAsText("id")).doesNotContain(id);
    }

    @Test
    void unknownAgentIsRejectedNamingTheKnownOnes() {
        Api.Response r = real.api().post("/v1/plans", "{\"goal\":\"x\",\"agent\":\"nobody\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("agent");
        assertThat(r.json().get("detail").asText()).contains("default", "reviewer");
    }

    @Test
    void workspaceMustBeAnExistingAbsoluteFolder() {
        assertThat(real.api().post("/v1/plans", "{\"goal\":\"x\",\"workspace\":\"relative/path\"}").status()).isEqualTo(400);
        assertThat(real.api().post("/v1/plans", "{\"goal\":\"x\",\"workspace\":\"/no/such/folder/here\"}").status())
                .isEqualTo(400);
        String dir = io.ossaat.engine.testing.Workspaces.gitRepo().toString();
        assertThat(real.api().post("/v1/plans", Json.write(Map.of("goal", "x", "workspace", dir,
                "inputs", Map.of("patch", Workspaces.NEW_FILE_PATCH)))).json()
                .get("workspace").asText()).isEqualTo(dir);
    }

    @Test
    void agentsAreListed() {
        JsonNode items = real.api().get("/v1/agents").json().get("items");
        List<String> names = new ArrayList<>();
        items.forEach(a -> names.add(a.get("name").asText()));
        assertThat(names).contains("default", "reviewer");
        items.forEach(a -> {
            JsonNode required = a.get("requiredInputs");
            if (a.get("name").asText().equals("reviewer")) {
                assertThat(required).as("its write steps are rejected, not run").isEmpty();
            } else if (a.get("name").asText().equals("default")) {
                assertThat(required).hasSize(1);
                assertThat(required.get(0).get("name").asText()).isEqualTo("patch");
                assertThat(required.get(0).get("step").asText()).isEqualTo("apply_changes");
                assertThat(required.get(0).get("tool").asText()).isEqualTo("code_writer");
                assertThat(required.get(0).get("description").asText()).isEqualTo("the unified diff it applies");
            }
        });
    }

    @Test
    void aPlanWhoseAgentAppliesAPatchIsRefusedWithoutOneAndNothingIsStored() {
        Api.Response r = real.api().post("/v1/plans", "{\"goal\":\"x\",\"agent\":\"careful\"}",
                "Idempotency-Key", "no-patch-1");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode error = r.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("inputs.patch");
        assertThat(error.get("message").asText())
                .contains("'careful'", "apply_changes", "code_writer", "the unified diff it applies");
        assertThat(real.api().post("/v1/plans", "{\"goal\":\"x\",\"inputs\":{\"patch\":\"  \"}}").status())
                .as("a blank patch").isEqualTo(400);
        assertThat(real.api().post("/v1/plans", "{\"goal\":\"x\",\"inputs\":{\"patch\":7}}").status())
                .as("a patch that is not text").isEqualTo(400);
        assertThat(real.api().post("/v1/plans", Api.planBody("x", "careful"), "Idempotency-Key", "no-patch-1").status())
                .as("the refused request stored nothing under its key").isEqualTo(201);
        assertThat(real.api().post("/v1/plans", "{\"goal\":\"read only\",\"agent\":\"reviewer\"}").status())
                .as("reviewer's write steps are rejected before they run: it needs no patch").isEqualTo(201);
    }
}

package io.ossaat.engine.cluster;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.Json;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.Workspaces;

/**
 * A steady mix spread over the live instances: one client creates a plan every {@code createEveryMillis} (each in a
 * git repository of its own, round-robin over the instances), another approves the waiting steps of the plans it
 * was told about through whichever instance it picks. A plan counts as acknowledged only when an instance answered
 * 201; a refusal (503 while PostgreSQL is away) or a broken connection is not retried here.
 */
final class ClusterLoad implements AutoCloseable {
    /** The agent of the cluster plans: the patch and the test run on their own, the commit waits for a human. */
    static final String AGENT = """
            ---
            name: cluster
            capabilities: [repo.write, test.run, github.write]
            approval_policy:
              default: auto
              test.run: auto
              github.write: human
            steps:
              - {action: apply, tool: code_writer, capability: repo.write, timeout_seconds: 60}
              - {action: test, tool: test_runner, capability: test.run, timeout_seconds: 60}
              - {action: commit, tool: github_client, capability: github.write, timeout_seconds: 60}
            ---
            """;

    private final List<Api> instances;
    private final AtomicIntegerArray alive;
    private final long createEveryMillis;
    private final Map<String, Path> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger unavailableWithoutRetryAfter = new AtomicInteger();
    private final AtomicInteger approvals = new AtomicInteger();
    private volatile boolean creating = true;
    private volatile boolean running = true;
    private final Thread creator;
    private final Thread approver;

    ClusterLoad(List<Api> instances, AtomicIntegerArray alive, long createEveryMillis) {
        this.instances = instances;
        this.alive = alive;
        this.createEveryMillis = createEveryMillis;
        this.creator = Thread.ofPlatform().daemon().name("cluster-creator").start(this::create);
        this.approver = Thread.ofPlatform().daemon().name("cluster-approver").start(this::approve);
    }

    private void create() {
        int n = 0;
        while (creating) {
            long started = System.nanoTime();
            String key = "cluster-" + n++;
            try {
                Api api = pick(n);
                Path ws = Workspaces.gitRepo();
                Api.Response r = api.post("/v1/plans", Json.write(Map.of("goal", key, "agent", "cluster",
                        "workspace", ws.toString(), "inputs", Map.of("patch", Workspaces.NEW_FILE_PATCH,
                                "testCommand", "echo ran >> " + runsOf(ws) + " && sleep 1"))), "Idempotency-Key", key);
                count(r);
                if (r.status() == 201) {
                    acknowledged.put(r.json().get("id").asText(), ws);
                }
            } catch (RuntimeException e) {
                // the instance died under the request: not acknowledged
            }
            pause(createEveryMillis - (System.nanoTime() - started) / 1_000_000);
        }
    }

    private void approve() {
        while (running) {
            for (String id : List.copyOf(acknowledged.keySet())) {
                if (finished.contains(id) || !running) {
                    continue;
                }
                try {
                    Api.Response r = pick(ThreadLocalRandom.current().nextInt(1000)).get("/v1/plans/" + id);
                    count(r);
                    if (r.status() != 200) {
                        continue;
                    }
                    JsonNode plan = r.json();
                    String state = plan.get("state").asText();
                    if (state.equals("completed") || state.equals("failed") || state.equals("cancelled")) {
                        finished.add(id);
                        continue;
                    }
                    for (JsonNode step : plan.get("steps")) {
                        if (step.get("state").asText().equals("waiting_approval")) {
                            Api api = pick(ThreadLocalRandom.current().nextInt(1000));
                            Api.Response a = api.send(api.builder("/v1/plans/" + id + "/steps/"
                                    + step.get("id").asText() + "/approve").header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"rationale\":\"cluster test\"}"))
                                    .build());
                            count(a);
                            if (a.status() == 200) {
                                approvals.incrementAndGet();
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    // the instance died under the request: the next round asks another
                }
            }
            pause(250);
        }
    }

    private void count(Api.Response r) {
        if (r.status() == 503) {
            unavailable.incrementAndGet();
            if (r.header("Retry-After") == null) {
                unavailableWithoutRetryAfter.incrementAndGet();
            }
        }
    }

    /** A live instance, the {@code n}-th in turn among them. */
    private Api pick(int n) {
        for (int i = 0; i < instances.size(); i++) {
            int at = (n + i) % instances.size();
            if (alive.get(at) == 1) {
                return instances.get(at);
            }
        }
        throw new IllegalStateException("no live instance");
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The file a plan's test command adds a line to each time it runs (next to the plan's repository). */
    static Path runsOf(Path workspace) {
        return workspace.resolveSibling(workspace.getFileName() + ".runs");
    }

    /** Plans an instance answered 201 for, with their git repositories. */
    Map<String, Path> acknowledged() {
        return acknowledged;
    }

    int finished() {
        return finished.size();
    }

    boolean allFinished() {
        return finished.containsAll(acknowledged.keySet());
    }

    int unavailable() {
        return unavailable.get();
    }

    int unavailableWithoutRetryAfter() {
        return unavailableWithoutRetryAfter.get();
    }

    int approvals() {
        return approvals.get();
    }

    /** No more plans; the approvals go on until {@link #close()}. */
    void stopCreating() throws InterruptedException {
        creating = false;
        creator.join();
    }

    @Override
    public void close() throws InterruptedException {
        creating = false;
        running = false;
        creator.join();
        approver.join();
    }
}

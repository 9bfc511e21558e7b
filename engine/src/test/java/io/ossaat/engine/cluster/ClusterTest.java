package io.ossaat.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossaat.engine.DataDir;
import io.ossaat.engine.SecretFile;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.EngineProcess;
import io.ossaat.engine.testing.TestEngines;
import io.ossaat.engine.testing.Workspaces;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three {@code ossaat serve} instances on the distribution's PostgreSQL 15 and redis-server (not the embedded
 * ones), under a steady mix of creates, approvals and SSE readers spread over them, through three faults in a row:
 * kill -9 of one instance, Redis stopped for 30 s, PostgreSQL restarted. Every acknowledged plan finishes, no
 * effect happens twice, and every SSE reader, resuming on another instance with Last-Event-ID, ends up with exactly
 * the event log. Needs the packages postgresql-15 and redis-server; run it with
 * {@code ./mvnw -B -pl engine test -Pcluster} or {@code engine/cluster-test.sh} ({@code ./ossaat test} runs it through
 * {@code .ci/tests.d/cluster.sh}; its runs are listed in docs/operations.md).
 * A failed run keeps every engine's and PostgreSQL's log and the rows of the plans that went wrong for a post-mortem.
 */
@Tag("cluster")
class ClusterTest {
    private static final int INSTANCES = 3;
    private static final Duration REDIS_OUTAGE = Duration.ofSeconds(30);
    /**
     * Short, so the killed instance's steps come back soon, but a heartbeat (every third of it) may be late by
     * seconds on a 2-core machine shared with builds: with 2 s, a run at load average 27-60 lost leases before any
     * fault. The default is 15 s.
     */
    private static final String LEASE_SECONDS = "5";

    @Test
    void threeInstancesSurviveACrashARedisOutageAndAPostgresRestart() throws Exception {
        Path base = TestEngines.newDataDir();
        try (ExternalPostgres pg = ExternalPostgres.start(); ExternalRedis redis = ExternalRedis.start()) {
            // one owner token for the cluster, as a mounted Secret would give it to every instance
            Path tokenFile = base.resolve("cluster-token");
            String token = SecretFile.loadOrCreate(tokenFile, "oss_").value();
            List<CompletableFuture<EngineProcess>> starting = new ArrayList<>();
            // the engines start at once (the common pool runs one task at a time on 2 cores)
            ExecutorService starters = Executors.newFixedThreadPool(INSTANCES);
            for (int i = 0; i < INSTANCES; i++) {
                Path dir = base.resolve("engine-" + i);
                DataDir.prepare(dir);
                Files.createDirectories(dir.resolve("agents/cluster"));
                Files.writeString(dir.resolve("agents/cluster/agent.md"), ClusterLoad.AGENT);
                starting.add(CompletableFuture.supplyAsync(() -> start(dir, tokenFile, pg, redis), starters));
            }
            try {
                List<EngineProcess> engines = new ArrayList<>();
                for (CompletableFuture<EngineProcess> f : starting) {
                    engines.add(f.join());
                }
                for (int i = 0; i < INSTANCES; i++) {
                    assertThat(base.resolve("engine-" + i).resolve(DataDir.TOKEN)).as("the token file is used")
                            .doesNotExist();
                }
                underFaults(engines, pg, redis, token);
            } finally {
                for (CompletableFuture<EngineProcess> f : starting) {
                    f.handle((engine, failed) -> {
                        if (engine != null) {
                            engine.kill9Quietly();
                        }
                        return null;
                    }).join();
                }
                starters.shutdownNow();
            }
        }
    }

    private static void underFaults(List<EngineProcess> engines, ExternalPostgres pg, ExternalRedis redis,
                                    String token) throws Exception {
        List<Api> apis = engines.stream().map(e -> new Api(e.url(), token)).toList();
        List<String> urls = apis.stream().map(Api::base).toList();
        AtomicIntegerArray alive = new AtomicIntegerArray(new int[] {1, 1, 1});
        List<ResumingSseReader> readers = List.of(new ResumingSseReader(urls, 0, token),
                new ResumingSseReader(urls, 1, token), new ResumingSseReader(urls, 2, token),
                new ResumingSseReader(urls, 2, token));
        try (ClusterLoad load = new ClusterLoad(apis, alive, Long.getLong("ossaat.cluster.createEveryMillis", 600))) {
            // 1. kill -9 one instance while its steps run (the bounds are generous: on a 2-core machine shared
            // with builds, a run at load average 48 had finished fewer than 5 plans after 90 s)
            await().atMost(Duration.ofSeconds(180)).until(() -> load.finished() >= 5);
            engines.get(2).kill9();
            alive.set(2, 0);
            int afterCrash = load.finished();
            await().atMost(Duration.ofSeconds(180)).until(() -> load.finished() >= afterCrash + 5);

            // 2. Redis away for 30 s: the instances find their work by polling Postgres
            redis.stopServer();
            int beforeOutage = load.finished();
            Thread.sleep(REDIS_OUTAGE.toMillis());
            int duringOutage = load.finished() - beforeOutage;
            redis.startServer();
            assertThat(duringOutage).as("plans finished while Redis was away").isGreaterThan(0);

            // 3. PostgreSQL restarted: 503 with Retry-After meanwhile, nothing acknowledged is lost
            int acknowledgedBefore = load.acknowledged().size();
            Instant pgStopped = Instant.now();
            pg.stopServer();
            Api.Response refused = apis.getFirst().get("/v1/plans?limit=1");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            Thread.sleep(5_000);
            pg.startServer();
            await().atMost(Duration.ofSeconds(60)).until(() -> apis.get(0).get("/v1/plans?limit=1").status() == 200
                    && apis.get(1).get("/v1/plans?limit=1").status() == 200);
            int acknowledgedAfterRestart = load.acknowledged().size();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged().size()
                    >= acknowledgedAfterRestart + 3);

            load.stopCreating();
            await().atMost(Duration.ofSeconds(180)).until(load::allFinished);
            assertThat(load.acknowledged().size()).isGreaterThan(acknowledgedBefore);
            assertThat(load.unavailableWithoutRetryAfter()).as("every 503 says when to retry").isZero();
            System.out.printf("cluster: %d plans acknowledged, %d approvals, %d answers 503 while PostgreSQL was"
                            + " away, %d plans finished during the Redis outage%n", load.acknowledged().size(),
                    load.approvals(), load.unavailable(), duringOutage);

            Api api = apis.getFirst();
            for (Map.Entry<String, Path> plan : load.acknowledged().entrySet()) {
                String id = plan.getKey();
                Path ws = plan.getValue();
                JsonNode state = api.get("/v1/plans/" + id).json();
                assertThat(state.get("state").asText()).as(id).isEqualTo("completed");
                // the test command, not idempotent, ran once per attempt at most, and once where nothing failed
                int attempts = StreamSupport.stream(state.get("steps").spliterator(), false)
                        .filter(s -> s.get("id").asText().equals("test")).findFirst().orElseThrow()
                        .get("attempt").asInt();
                assertThat(Files.readAllLines(ClusterLoad.runsOf(ws))).as(id + ": the test command's runs")
                        .hasSizeBetween(1, attempts);
                // each effect once: one patch, one commit on the plan's branch, the user's checkout untouched
                assertThat(Workspaces.git(ws, "show", "ossaat/" + id + ":NEW.md")).isEqualTo("# New\nmade by ossaat\n");
                assertThat(Workspaces.git(ws, "rev-list", "--count", "main..ossaat/" + id).strip()).as(id)
                        .isEqualTo("1");
                assertThat(ws.resolve("NEW.md")).doesNotExist();
            }

            // only the killed instance's steps ran again: the PostgreSQL restart made no step retry or fail
            assertThat(stepsGoneWrongSince(pg, pgStopped)).as("steps retried or failed after the PostgreSQL restart")
                    .isEmpty();

            // every reader, over all its connections, got the whole log once and in order
            List<String> log = new ArrayList<>();
            try (ResumingSseReader truth = new ResumingSseReader(urls.subList(0, 2), 0, token)) {
                long events = eventCount(pg);
                await().atMost(Duration.ofSeconds(60)).until(() -> truth.ids().size() >= events);
                log.addAll(truth.ids());
                assertThat(log).hasSize((int) events).doesNotHaveDuplicates();
            }
            for (ResumingSseReader reader : readers) {
                await().atMost(Duration.ofSeconds(60)).until(() -> reader.ids().size() >= log.size());
                assertThat(reader.ids()).isEqualTo(log);
            }
            assertThat(readers.get(2).reconnects()).as("the readers on the killed instance resumed elsewhere")
                    .isGreaterThan(0);
        } catch (Throwable failed) {
            keepDiagnostics(pg, engines);
            throw failed;
        } finally {
            readers.forEach(ResumingSseReader::close);
        }
        for (int i = 0; i < INSTANCES - 1; i++) {
            assertThat(engines.get(i).stop()).as("a clean stop").isIn(0, 143);
        }
    }

    /**
     * What a failed run leaves for a post-mortem, in {@code target/cluster-diagnostics/<time>/}: the events and step
     * rows of each plan that did not complete or had a step retried or failed, and every engine's and PostgreSQL's
     * log.
     */
    private static void keepDiagnostics(ExternalPostgres pg, List<EngineProcess> engines) throws Exception {
        Path dir = Path.of("target", "cluster-diagnostics", String.valueOf(System.currentTimeMillis()));
        Files.createDirectories(dir);
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl())) {
            List<String> plans = new ArrayList<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("""
                    select id from plans where state <> 'completed'
                    union select plan_id from events
                     where step_id is not null and state in ('retrying', 'dead_lettered', 'failed')""")) {
                while (rs.next()) {
                    plans.add(rs.getString(1));
                }
            }
            for (String id : plans) {
                StringBuilder out = new StringBuilder();
                for (String query : List.of("select * from plans where id = ?",
                        "select * from events where plan_id = ? order by seq",
                        "select * from steps where plan_id = ? order by position")) {
                    try (var ps = c.prepareStatement(query)) {
                        ps.setString(1, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            var meta = rs.getMetaData();
                            while (rs.next()) {
                                for (int i = 1; i <= meta.getColumnCount(); i++) {
                                    out.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append("  ");
                                }
                                out.append('\n');
                            }
                        }
                    }
                    out.append('\n');
                }
                Files.writeString(dir.resolve("plan-" + id + ".txt"), out);
            }
        } catch (java.sql.SQLException e) {
            System.out.println("cluster: no plans for the diagnostics: " + e.getMessage());
        }
        for (int i = 0; i < engines.size(); i++) {
            Path log = engines.get(i).dataDir().resolve("engine-stderr.log");
            if (Files.exists(log)) {
                Files.copy(log, dir.resolve("engine-" + i + ".log"));
            }
        }
        pg.copyLog(dir.resolve("postgresql.log"));
        System.out.println("cluster: diagnostics kept in " + dir.toAbsolutePath());
    }

    private static EngineProcess start(Path dir, Path tokenFile, ExternalPostgres pg, ExternalRedis redis) {
        try {
            return EngineProcess.start(dir, "--db-url", pg.jdbcUrl(), "--redis-url", redis.url(), "--runners", "4",
                    "--token-file", tokenFile.toString(), "--lease-seconds", LEASE_SECONDS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> stepsGoneWrongSince(ExternalPostgres pg, Instant since) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl()); var ps = c.prepareStatement("""
                select plan_id || '/' || step_id || ' ' || state || ': ' || coalesce(summary, '') from events
                 where step_id is not null and state in ('retrying', 'dead_lettered', 'failed')
                   and occurred_at >= ?""")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(since));
            List<String> wrong = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    wrong.add(rs.getString(1));
                }
            }
            return wrong;
        }
    }

    private static long eventCount(ExternalPostgres pg) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl()); var st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(seq) from events")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

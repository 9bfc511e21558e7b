package io.ossaat.engine.runtime.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.ossaat.engine.Engine;
import io.ossaat.engine.StartupListener;
import io.ossaat.engine.config.EngineConfig;
import io.ossaat.engine.plans.NewPlan;
import io.ossaat.engine.testing.TestEngines;

/**
 * Steps per second through the runtime and queued-to-running latency, with the no-op tool, on a real engine
 * (embedded Postgres and Redis). Not a unit test: run it by hand, see README.md next to it.
 *
 * <p>Arguments: plans (default 500), steps per plan (default 10), runners (default 32).
 */
public final class RuntimeBenchmark {

    public static void main(String[] args) throws Exception {
        int plans = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int stepsPerPlan = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int runners = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Path dir = TestEngines.newDataDir();
        Path agent = dir.resolve("agents/noop/agent.md");
        Files.createDirectories(agent.getParent());
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < stepsPerPlan; i++) {
            steps.append("  - {action: s").append(i).append(", tool: noop, capability: none}\n");
        }
        Files.writeString(agent, "---\nname: noop\ncapabilities: [none]\nsteps:\n" + steps + "---\n");
        try (Engine engine = Engine.start(EngineConfig.forDataDir(dir).withRunners(runners), StartupListener.NONE)) {
            // warm-up: JIT, pools, caches
            run(engine, Math.max(20, plans / 10));
            long total = (long) plans * stepsPerPlan;
            long start = System.nanoTime();
            run(engine, plans);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("plans=%d steps/plan=%d runners=%d%n", plans, stepsPerPlan, runners);
            System.out.printf("throughput: %d steps in %.2f s = %.0f steps/s%n", total, seconds, total / seconds);
            try (Connection c = engine.database().connection(); var st = c.createStatement();
                 ResultSet rs = st.executeQuery("""
                         select percentile_cont(0.5) within group (order by ms), percentile_cont(0.95) within group (order by ms),
                                percentile_cont(0.99) within group (order by ms), count(*)
                           from (select extract(epoch from started_at - run_after) * 1000 as ms from steps
                                  where state = 'completed' and run_after is not null) t""")) {
                rs.next();
                System.out.printf("queued->running (all %d steps): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                        rs.getLong(4), rs.getDouble(1), rs.getDouble(2), rs.getDouble(3));
            }
        }
    }

    /** Creates the plans from 8 threads and waits until every plan has completed. */
    private static void run(Engine engine, int plans) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < plans; i++) {
                int n = i;
                pool.submit(() -> engine.plans().create(new NewPlan("bench " + n, "noop", null, Map.of(), Map.of()), null));
            }
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = engine.database().connection(); var st = c.createStatement();
                 ResultSet rs = st.executeQuery("select count(*) from plans where state not in ('completed','failed','cancelled','rejected')")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("plans did not finish in 10 minutes");
    }
}

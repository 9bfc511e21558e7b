package io.ossaat.loadtest;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The load-test tools next to the Gatling simulations:
 * <pre>
 *   thresholds [--slo FILE] [--profile P] [--out FILE]   the k6 options and thresholds derived from the SLO file
 *   snapshot   --url URL [--token T] [--slo FILE] --out FILE   the engine's counts now
 *   judge      (--window FILE | --before FILE --after FILE) [--slo FILE] [--profile P] [--min-events N]
 *              the engine-side gate on the judged phase; exit 1 and a one-line reason on a breach
 *   hello      [--port N] [--bind ADDR]                 the bare Helidon hello-world for the /healthz benchmark
 * </pre>
 * The SLO file defaults to {@code ossaat.slo}, then {@code OSSAAT_SLO_FILE}, then the engine's shipped file; the
 * token to {@code OSSAAT_TOKEN}.
 */
public final class Main {
    /** SLOs with fewer events than this in the judged phase are not judged: one slow request would decide. */
    static final long DEFAULT_MIN_EVENTS = 100;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException | SloFileException | EngineProbe.EngineException
                 | java.io.UncheckedIOException e) {
            System.err.println("loadtest: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: thresholds | snapshot | judge | hello (see the class comment)");
        }
        Map<String, String> opts = options(args);
        return switch (args[0]) {
            case "thresholds" -> {
                String json = Thresholds.k6Json(SloFile.load(sloFile(opts)), Profile.named(opts.getOrDefault("profile", "budget")));
                if (opts.containsKey("out")) {
                    Files.writeString(Path.of(opts.get("out")), json);
                } else {
                    System.out.print(json);
                }
                yield 0;
            }
            case "snapshot" -> {
                List<Objective> objectives = SloFile.load(sloFile(opts));
                Snapshot s = probe(opts).snapshot(objectives);
                JudgedWindow.writeJson(Path.of(required(opts, "out")), s);
                yield 0;
            }
            case "judge" -> {
                List<Objective> objectives = SloFile.load(sloFile(opts));
                Snapshot before;
                Snapshot after;
                double allowed;
                if (opts.containsKey("window")) {
                    JudgedWindow w = JudgedWindow.read(Path.of(opts.get("window")));
                    before = w.before();
                    after = w.after();
                    allowed = w.profile().loosening();
                } else {
                    before = JudgedWindow.readJson(Path.of(required(opts, "before")), Snapshot.class);
                    after = JudgedWindow.readJson(Path.of(required(opts, "after")), Snapshot.class);
                    allowed = Profile.named(opts.getOrDefault("profile", "budget")).loosening();
                }
                long minEvents = Long.parseLong(opts.getOrDefault("min-events", Long.toString(DEFAULT_MIN_EVENTS)));
                Gate.Verdict v = Gate.judge(objectives, before, after, allowed, minEvents);
                System.out.print(v.table());
                System.out.println((v.passed() ? "gate: passed: " : "gate: BREACH: ") + v.reason());
                yield v.passed() ? 0 : 1;
            }
            case "hello" -> {
                var server = HelloWorld.start(opts.getOrDefault("bind", "127.0.0.1"),
                                              Integer.parseInt(opts.getOrDefault("port", "0")));
                System.out.println("ready: http://" + opts.getOrDefault("bind", "127.0.0.1") + ":" + server.port());
                System.out.flush();
                Thread.currentThread().join();
                yield 0;
            }
            default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
        };
    }

    static Path sloFile(Map<String, String> opts) {
        String f = opts.get("slo");
        if (f == null) {
            f = System.getProperty("ossaat.slo");
        }
        if (f == null || f.isBlank()) {
            f = System.getenv("OSSAAT_SLO_FILE");
        }
        return Path.of(f == null || f.isBlank() ? SloFile.SHIPPED : f);
    }

    private static EngineProbe probe(Map<String, String> opts) {
        String token = opts.getOrDefault("token", System.getenv("OSSAAT_TOKEN"));
        return new EngineProbe(URI.create(required(opts, "url")), token);
    }

    private static String required(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                out.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < rest.size()) {
                out.put(a.substring(2), rest.get(++i));
            } else {
                throw new IllegalArgumentException(a + " needs a value");
            }
        }
        return out;
    }
}

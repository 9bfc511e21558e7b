package io.ossaat.loadtest;

import java.util.Locale;
import java.util.Map;

/**
 * How hard and how long a load test pushes: arrival rates (an open workload: new users per second, whatever the
 * engine's answer time), an unjudged warm-up that ramps up to the rate and holds it until the engine is warm (see
 * {@link Phases}), then the judged phase at the steady rate.
 *
 * <p>{@code loosening} multiplies the SLO file's latency thresholds and error budgets (and the burn rate the gate
 * allows). It is 1 for {@code budget} and {@code soak}: they judge by the SLOs as written. {@code smoke} runs on
 * shared 2-core CI machines next to compilers and other tests, where a p95 jumps by a factor of 2 to 3 between two
 * runs of the same build; its factor of {@value #SMOKE_LOOSENING} still catches a route that breaks or slows down
 * by an order of magnitude, without flaking on a busy neighbour.
 *
 * @param name          smoke, budget or soak
 * @param planRate      plans created per second (each plan user also reads it, some list, replay or watch)
 * @param healthRate    {@code GET /healthz} per second in the health simulation
 * @param warmUpSeconds ramp from a tenth of the rate to the rate; not judged; the shortest warm-up
 * @param maxWarmUpSeconds the longest warm-up: the steady rate until the engine is warm, at most this long in all
 * @param judgedSeconds steady rate; judged by the assertions and the engine-side gate
 * @param loosening     factor on thresholds and error budgets, ≥ 1
 * @param watchers      long-lived SSE watchers of {@code /v1/events}
 */
public record Profile(String name, double planRate, double healthRate, int warmUpSeconds, int maxWarmUpSeconds,
                      int judgedSeconds, double loosening, int watchers) {
    public static final double SMOKE_LOOSENING = 4;

    public static final Profile SMOKE = new Profile("smoke", 20, 100, 6, 20, 12, SMOKE_LOOSENING, 1);
    /** The budget of docs/architecture.md: 500 plans/s, steady for 60 s, on 2 cores. */
    public static final Profile BUDGET = new Profile("budget", 500, 1000, 30, 60, 60, 1, 2);
    public static final Profile SOAK = new Profile("soak", 200, 200, 60, 120, 1800, 1, 4);

    public Profile {
        if (planRate <= 0 || healthRate <= 0 || warmUpSeconds < 0 || maxWarmUpSeconds < warmUpSeconds
                || judgedSeconds <= 0 || loosening < 1 || watchers < 0) {
            throw new IllegalArgumentException("profile " + name + ": rates and the judged phase must be positive, "
                                               + "the warm-up not negative nor longer than its cap, the loosening at least 1");
        }
    }

    public static Profile named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "smoke" -> SMOKE;
            case "budget" -> BUDGET;
            case "soak" -> SOAK;
            default -> throw new IllegalArgumentException("unknown profile '" + name + "': use smoke, budget or soak");
        };
    }

    /**
     * The profile named by {@code ossaat.profile} (default smoke) with any of {@code ossaat.rate},
     * {@code ossaat.healthRate}, {@code ossaat.warmup}, {@code ossaat.maxWarmup}, {@code ossaat.judged} (seconds),
     * {@code ossaat.loosening},
     * {@code ossaat.watchers} overriding it; e.g. to search for the highest rate that meets the SLOs.
     */
    public static Profile fromProperties(Map<String, String> props) {
        Profile p = named(props.getOrDefault("ossaat.profile", "smoke"));
        int warmUp = (int) num(props, "ossaat.warmup", p.warmUpSeconds);
        return new Profile(p.name,
                           num(props, "ossaat.rate", p.planRate),
                           num(props, "ossaat.healthRate", p.healthRate),
                           warmUp,
                           (int) num(props, "ossaat.maxWarmup", Math.max(warmUp, p.maxWarmUpSeconds)),
                           (int) num(props, "ossaat.judged", p.judgedSeconds),
                           num(props, "ossaat.loosening", p.loosening),
                           (int) num(props, "ossaat.watchers", p.watchers));
    }

    private static double num(Map<String, String> props, String key, double fallback) {
        String v = props.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + v + "'");
        }
    }
}

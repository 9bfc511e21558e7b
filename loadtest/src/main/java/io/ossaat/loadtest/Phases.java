package io.ossaat.loadtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The phases of one load run, decided while it runs. The warm-up lasts at least the profile's warm-up and then
 * until the engine is warm: the watched route's per-second percentile has been stable for the last
 * {@value #STABLE_SECONDS} seconds (the largest at most {@value #STABLE_FACTOR} × the smallest +
 * {@value #STABLE_SLACK_MS} ms). That waits out a percentile that is still falling (a cold JIT, cold pools and
 * caches) and a stall (a checkpoint, a collection, a neighbour's burst) until it has left those seconds. A slow engine
 * is stably slow, so it is judged as soon as the shortest warm-up is over. The warm-up never outlasts the profile's
 * cap. The judged phase follows for the profile's judged seconds; then the run is over once its last user finished.
 *
 * <p>Thread-safe: Gatling's users call it from its event loops.
 */
public final class Phases {
    /** Where a user arriving now belongs. */
    public enum Phase { WARM_UP, JUDGED, OVER }

    static final int STABLE_SECONDS = 4;
    static final double STABLE_FACTOR = 1.5;
    static final long STABLE_SLACK_MS = 5;
    /** A second with fewer samples says nothing yet (the ramp starts at a tenth of the rate). */
    static final int MIN_SAMPLES = 5;

    private final String watched;
    private final double percentile;
    private final long start;
    private final long minWarmUpMs;
    private final long maxWarmUpMs;
    private final long judgedMs;
    /** Latencies by the second (since the start) their request completed in; only the last few seconds. */
    private final TreeMap<Long, List<Long>> seconds = new TreeMap<>();
    private long judgedFrom = -1;
    private String warmUpVerdict = "";
    private int judgedInFlight;
    private Runnable onJudged = () -> { };

    /**
     * @param watched    what is watched, for the verdict (e.g. "create plan p95")
     * @param percentile the watched percentile, e.g. 95
     * @param start      when the warm-up started (epoch ms)
     */
    public Phases(Profile profile, String watched, double percentile, long start) {
        this.watched = watched;
        this.percentile = percentile;
        this.start = start;
        this.minWarmUpMs = profile.warmUpSeconds() * 1000L;
        this.maxWarmUpMs = Math.max(minWarmUpMs, profile.maxWarmUpSeconds() * 1000L);
        this.judgedMs = profile.judgedSeconds() * 1000L;
    }

    /** Runs once, on the thread that ends the warm-up, when the judged phase begins. Must not block. */
    public synchronized void onJudged(Runnable action) {
        this.onJudged = action;
    }

    /** The phase a user arriving at {@code now} belongs to (ends the warm-up at its cap). */
    public synchronized Phase at(long now) {
        if (judgedFrom < 0 && now - start >= maxWarmUpMs) {
            begin(now, "cap of " + maxWarmUpMs / 1000 + " s reached; " + watched + " per second: "
                       + lastSeconds((now - start) / 1000));
        }
        if (judgedFrom < 0) {
            return Phase.WARM_UP;
        }
        return now < judgedFrom + judgedMs ? Phase.JUDGED : Phase.OVER;
    }

    /** A watched request of the warm-up completed at {@code now} and took {@code latencyMs}. */
    public synchronized void warmUpSample(long now, long latencyMs) {
        if (judgedFrom >= 0) {
            return;
        }
        long second = (now - start) / 1000;
        boolean newSecond = seconds.isEmpty() || second > seconds.lastKey();
        seconds.computeIfAbsent(second, s -> new ArrayList<>()).add(latencyMs);
        seconds.headMap(second - STABLE_SECONDS).clear();
        if (newSecond && now - start >= minWarmUpMs && stable(second)) {
            begin(now, watched + " stable per second: " + lastSeconds(second));
        }
    }

    /** How long the judged phase still runs: all of it during the warm-up, 0 once it is over. */
    public synchronized long judgedLeftMs(long now) {
        return switch (at(now)) {
            case WARM_UP -> judgedMs;
            case JUDGED -> judgedFrom + judgedMs - now;
            case OVER -> 0;
        };
    }

    public synchronized void judgedUserStarted() {
        judgedInFlight++;
    }

    public synchronized void judgedUserEnded() {
        judgedInFlight--;
    }

    /** The judged phase is over and every judged user has finished: nothing more will be judged. */
    public synchronized boolean drained(long now) {
        return at(now) == Phase.OVER && judgedInFlight == 0;
    }

    /** How the warm-up ended, e.g. "warm-up 8.0 s: create plan p95 stable per second: 31, 28, 24, 30 ms". */
    public synchronized String warmUpVerdict() {
        return warmUpVerdict;
    }

    /** When the judged phase began (epoch ms), or -1 during the warm-up. */
    public synchronized long judgedFrom() {
        return judgedFrom;
    }

    private void begin(long now, String why) {
        judgedFrom = now;
        warmUpVerdict = String.format(Locale.ROOT, "warm-up %.1f s: %s", (now - start) / 1000.0, why);
        seconds.clear();
        onJudged.run();
    }

    /** The {@value #STABLE_SECONDS} complete seconds before {@code second} each have enough samples and agree. */
    private boolean stable(long second) {
        long[] p = percentiles(second);
        if (p.length < STABLE_SECONDS) {
            return false;
        }
        long min = Arrays.stream(p).min().orElseThrow();
        long max = Arrays.stream(p).max().orElseThrow();
        return max <= STABLE_FACTOR * min + STABLE_SLACK_MS;
    }

    /** The watched percentile of each complete second before {@code second} that has enough samples, oldest first. */
    private long[] percentiles(long second) {
        return seconds.subMap(second - STABLE_SECONDS, second).values().stream()
                .filter(l -> l.size() >= MIN_SAMPLES)
                .mapToLong(l -> percentile(l.stream().mapToLong(Long::longValue).toArray(), percentile))
                .toArray();
    }

    private String lastSeconds(long second) {
        long[] p = percentiles(second);
        return p.length == 0 ? "too few samples to tell"
                : Arrays.stream(p).mapToObj(Long::toString).collect(Collectors.joining(", ", "", " ms"));
    }

    /** Nearest-rank percentile, as Gatling reports it. */
    static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}

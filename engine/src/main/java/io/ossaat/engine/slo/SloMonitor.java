package io.ossaat.engine.slo;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Measures the engine against its SLOs.
 *
 * <p>Wiring: build it with the SLOs from {@link SloConfig#loadOrDefault}, a clock and (optionally) a
 * {@link SloStore}; call {@link #start()} once (loads the stored history), {@link #flush()} every
 * {@link #FLUSH_INTERVAL} and once at shutdown. The request path calls {@link #recordRequest} and
 * {@link #recordStepDispatch}: lock-free, no allocation. Readers call {@link #statuses()}, {@link #detail},
 * {@link #appendPrometheus} and {@link #prometheusRules()}; all methods are thread safe.
 */
public final class SloMonitor {
    /** How often the engine should call {@link #flush()}. */
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(5);
    /** Default minimum of events a window needs before it may alert or declare the budget spent. */
    public static final long DEFAULT_MINIMUM_EVENTS = 100;
    /** The time ranges {@link #detail(String, Duration)} covers: the finest tier up to the whole stored history. */
    public static final Duration DETAIL_RANGE_MIN = Duration.ofMinutes(5);
    public static final Duration DETAIL_RANGE_MAX = Duration.ofDays(37);
    /** How many points {@link #detail(String, Duration, int)} aims at: by default, and at most (a chart's pixels). */
    public static final int DETAIL_POINTS = 60;
    public static final int DETAIL_POINTS_MAX = 2000;
    /** How far back each flush re-reads the store, to pick up the other instances' recent buckets. */
    static final Duration RELOAD_LOOKBACK = Duration.ofMinutes(15);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final System.Logger LOG = System.getLogger(SloMonitor.class.getName());

    private final List<SloDefinition> definitions;
    private final SloTracker[] trackers;
    private final SloTracker[] requestTrackers;
    private final SloTracker[] stepTrackers;
    private final Map<String, SloTracker> byName = new LinkedHashMap<>();
    private final InstantSource clock;
    private final SloStore store;
    private final long minimumEvents;
    private final Object flushLock = new Object();
    private long lastPruneMs = Long.MIN_VALUE;

    private SloMonitor(Builder b) {
        this.definitions = List.copyOf(b.definitions);
        this.clock = b.clock;
        this.store = b.store;
        this.minimumEvents = b.minimumEvents;
        this.trackers = definitions.stream().map(SloTracker::new).toArray(SloTracker[]::new);
        for (SloTracker t : trackers) {
            if (byName.put(t.definition.name(), t) != null) {
                throw new IllegalArgumentException("two SLOs are named '" + t.definition.name() + "'");
            }
        }
        this.requestTrackers = select(EventKind.HTTP_REQUEST);
        this.stepTrackers = select(EventKind.STEP_DISPATCH);
    }

    private SloTracker[] select(EventKind kind) {
        return java.util.Arrays.stream(trackers).filter(t -> t.event() == kind).toArray(SloTracker[]::new);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records one HTTP request into every SLO that selects it.
     *
     * @param method        HTTP method, upper case
     * @param routeTemplate the matched route's template ({@code /v1/plans/{id}}), not the raw path
     * @param status        the response status
     * @param nanos         time from request start to response sent
     */
    public void recordRequest(String method, String routeTemplate, int status, long nanos) {
        long now = clock.millis();
        for (SloTracker t : requestTrackers) {
            t.offerRequest(now, method, routeTemplate, status, nanos);
        }
    }

    /** Records one step going from queued to running after waiting {@code nanos}. */
    public void recordStepDispatch(long nanos) {
        long now = clock.millis();
        for (SloTracker t : stepTrackers) {
            t.offerStep(now, nanos);
        }
    }

    /**
     * Loads the stored history (every instance's buckets of the last 37 days) so budgets survive a restart.
     *
     * @throws SloStoreException when the store cannot be read
     */
    public void start() {
        if (store == null) {
            return;
        }
        synchronized (flushLock) {
            long now = clock.millis();
            for (Tier tier : new BucketHistory().tiers()) {
                reload(tier.widthSeconds(), now - tier.spanMs(), now);
            }
        }
    }

    /**
     * Saves what was recorded since the last flush and re-reads the recent buckets of all instances. Never throws:
     * a store failure is logged and the deltas are kept for the next flush.
     *
     * @return true when everything was saved and re-read (always true without a store)
     */
    public boolean flush() {
        synchronized (flushLock) {
            long now = clock.millis();
            for (SloTracker t : trackers) {
                t.drain(now);
            }
            if (store == null) {
                return true;
            }
            Map<SloTracker, List<SloBucket>> taken = new LinkedHashMap<>();
            List<SloBucket> batch = new ArrayList<>();
            for (SloTracker t : trackers) {
                List<SloBucket> deltas = t.takePending();
                taken.put(t, deltas);
                batch.addAll(deltas);
            }
            try {
                if (!batch.isEmpty()) {
                    store.save(batch);
                }
            } catch (RuntimeException e) {
                taken.forEach(SloTracker::restore);
                LOG.log(System.Logger.Level.WARNING, "SLO buckets not saved, retrying at the next flush", e);
                return false;
            }
            try {
                for (Tier tier : new BucketHistory().tiers()) {
                    reload(tier.widthSeconds(), now - RELOAD_LOOKBACK.toMillis(), now);
                }
                if (lastPruneMs == Long.MIN_VALUE || now - lastPruneMs >= PRUNE_EVERY.toMillis()) {
                    for (Tier tier : new BucketHistory().tiers()) {
                        store.prune(tier.widthSeconds(), Instant.ofEpochMilli(now - tier.spanMs() - tier.widthMs));
                    }
                    lastPruneMs = now;
                }
                return true;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "SLO buckets not re-read from the store", e);
                return false;
            }
        }
    }

    private void reload(int widthSeconds, long sinceMs, long nowMs) {
        long widthMs = widthSeconds * 1000L;
        long alignedSince = Math.floorDiv(sinceMs, widthMs) * widthMs;
        Map<String, List<SloBucket>> bySlo = new HashMap<>();
        for (SloBucket b : store.load(widthSeconds, Instant.ofEpochMilli(alignedSince))) {
            bySlo.computeIfAbsent(b.slo(), k -> new ArrayList<>()).add(b);
        }
        for (SloTracker t : trackers) {
            t.reload(widthSeconds, bySlo.getOrDefault(t.definition.name(), List.of()), alignedSince, nowMs);
        }
    }

    /** The status of every SLO, in file order. */
    public List<SloStatus> statuses() {
        long now = clock.millis();
        List<SloStatus> statuses = new ArrayList<>(trackers.length);
        for (SloTracker t : trackers) {
            t.drain(now);
            statuses.add(t.status(now, minimumEvents));
        }
        return statuses;
    }

    /** The status of one SLO. */
    public Optional<SloStatus> status(String name) {
        SloTracker t = byName.get(name);
        if (t == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        t.drain(now);
        return Optional.of(t.status(now, minimumEvents));
    }

    /** One SLO's status with a point a minute over the last hour. */
    public Optional<SloDetail> detail(String name) {
        return detail(name, Duration.ofHours(1));
    }

    /**
     * One SLO's status with about 60 points covering the last {@code range} (5 minutes to 37 days; steps of 10 s,
     * 5 min or 1 h multiples).
     */
    public Optional<SloDetail> detail(String name, Duration range) {
        return detail(name, range, DETAIL_POINTS);
    }

    /**
     * As {@link #detail(String, Duration)} with about {@code points} points (1 to {@link #DETAIL_POINTS_MAX}); fewer
     * when the range holds fewer buckets of its resolution.
     */
    public Optional<SloDetail> detail(String name, Duration range, int points) {
        if (points < 1 || points > DETAIL_POINTS_MAX) {
            throw new IllegalArgumentException("points must be 1.." + DETAIL_POINTS_MAX + ", got " + points);
        }
        SloTracker t = byName.get(name);
        if (t == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        t.drain(now);
        return Optional.of(t.detail(now, range, points, minimumEvents));
    }

    /** The SLOs measured, in file order. */
    public List<SloDefinition> definitions() {
        return definitions;
    }

    /** Appends the {@code ossaat_slo_*} gauges in Prometheus text format (with HELP and TYPE lines). */
    public void appendPrometheus(StringBuilder out) {
        PrometheusText.append(out, statuses());
    }

    /** Prometheus recording and alerting rules equivalent to this monitor (YAML for {@code rule_files}). */
    public String prometheusRules() {
        return PrometheusRules.render(definitions, minimumEvents);
    }

    /** Builds a {@link SloMonitor}. */
    public static final class Builder {
        private List<SloDefinition> definitions;
        private InstantSource clock = InstantSource.system();
        private SloStore store;
        private long minimumEvents = DEFAULT_MINIMUM_EVENTS;

        private Builder() {
        }

        /** The SLOs to measure (required, at least one). */
        public Builder definitions(List<SloDefinition> definitions) {
            this.definitions = List.copyOf(definitions);
            return this;
        }

        /** The time source (default: the system clock). */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where buckets are persisted; without one, history lives in memory only. */
        public Builder store(SloStore store) {
            this.store = store;
            return this;
        }

        /** Events a window needs before it may alert or declare the budget spent (default 100). */
        public Builder minimumEvents(long minimumEvents) {
            if (minimumEvents < 0) {
                throw new IllegalArgumentException("minimumEvents must not be negative, got " + minimumEvents);
            }
            this.minimumEvents = minimumEvents;
            return this;
        }

        public SloMonitor build() {
            if (definitions == null || definitions.isEmpty()) {
                throw new IllegalStateException("an SloMonitor needs at least one SLO definition");
            }
            return new SloMonitor(this);
        }
    }
}

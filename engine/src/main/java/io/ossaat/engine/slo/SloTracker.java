package io.ossaat.engine.slo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one SLO records. The request path ({@link #offerRequest}, {@link #offerStep}) is lock-free; the rest
 * runs under this object's lock: draining the hot ring into the history ({@link #drain}), the deltas not yet
 * saved ({@link #takePending}), and replacing recent history with the store's sums over all instances
 * ({@link #reload}).
 */
final class SloTracker {
    final SloDefinition definition;
    private final String[] methods;
    private final String[] routes;
    private final StatusSet badStatuses;
    private final long thresholdNanos;
    private final HotRing ring;
    private final LatencySeries latency;
    private final BucketHistory history = new BucketHistory();
    private final Map<Key, long[]> pending = new LinkedHashMap<>();

    private record Key(int widthSeconds, long id) {
    }

    SloTracker(SloDefinition definition) {
        this.definition = definition;
        SloIndicator indicator = definition.indicator();
        this.methods = indicator.methods().toArray(String[]::new);
        this.routes = indicator.routes().toArray(String[]::new);
        this.badStatuses = indicator.badStatuses();
        this.thresholdNanos = indicator.isLatency() ? indicator.latencyThreshold().toNanos() : Long.MAX_VALUE;
        this.latency = indicator.isLatency() ? new LatencySeries() : null;
        this.ring = new HotRing(this, this::accept);
    }

    EventKind event() {
        return definition.indicator().event();
    }

    /** Hot path: counts the request if this SLO selects it. */
    void offerRequest(long nowMs, String method, String route, int status, long nanos) {
        if (!selects(methods, method) || !selects(routes, route)) {
            return;
        }
        if (latency != null) {
            latency.record(nanos);
            ring.record(nowMs, nanos <= thresholdNanos);
        } else {
            ring.record(nowMs, !badStatuses.contains(status));
        }
    }

    /** Hot path: counts a step dispatch (step SLOs are always latency SLOs). */
    void offerStep(long nowMs, long nanos) {
        latency.record(nanos);
        ring.record(nowMs, nanos <= thresholdNanos);
    }

    private static boolean selects(String[] allowed, String value) {
        if (allowed.length == 0) {
            return true;
        }
        for (String a : allowed) {
            if (a.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Moves what the request path gathered into the history and the pending deltas. */
    synchronized void drain(long nowMs) {
        ring.drain();
        if (latency != null) {
            latency.roll(nowMs);
        }
    }

    private void accept(long bucketStartMs, long total, long good) {
        history.add(bucketStartMs, total, good);
        for (Tier tier : history.tiers()) {
            long[] counts = pending.computeIfAbsent(new Key(tier.widthSeconds(), tier.id(bucketStartMs)),
                                                    k -> new long[2]);
            counts[0] += total;
            counts[1] += good;
        }
    }

    /** The deltas not yet saved; they are no longer pending (give them back with {@link #restore} on failure). */
    synchronized List<SloBucket> takePending() {
        List<SloBucket> deltas = new ArrayList<>(pending.size());
        pending.forEach((key, counts) -> deltas.add(new SloBucket(
                definition.name(), Instant.ofEpochSecond(key.id * key.widthSeconds), key.widthSeconds,
                counts[0], counts[1])));
        pending.clear();
        return deltas;
    }

    synchronized void restore(Collection<SloBucket> deltas) {
        for (SloBucket b : deltas) {
            long[] counts = pending.computeIfAbsent(
                    new Key(b.widthSeconds(), b.start().getEpochSecond() / b.widthSeconds()), k -> new long[2]);
            counts[0] += b.total();
            counts[1] += b.good();
        }
    }

    /**
     * Replaces this SLO's buckets of one width from {@code sinceMs} to now with the store's sums (which hold every
     * instance's saved deltas, ours included) plus our deltas not saved yet.
     */
    synchronized void reload(int widthSeconds, List<SloBucket> stored, long sinceMs, long nowMs) {
        Tier tier = history.tierOfWidth(widthSeconds);
        if (tier == null) {
            return;
        }
        Map<Long, SloBucket> byId = new LinkedHashMap<>();
        for (SloBucket b : stored) {
            byId.put(b.start().toEpochMilli() / tier.widthMs, b);
        }
        long fromId = Math.max(tier.id(sinceMs), tier.id(nowMs) - tier.capacity + 1);
        for (long id = fromId; id <= tier.id(nowMs); id++) {
            SloBucket b = byId.get(id);
            long[] mine = pending.get(new Key(widthSeconds, id));
            long total = (b == null ? 0 : b.total()) + (mine == null ? 0 : mine[0]);
            long good = (b == null ? 0 : b.good()) + (mine == null ? 0 : mine[1]);
            tier.set(id, total, good);
        }
    }

    synchronized SloStatus status(long nowMs, long minimumEvents) {
        long[] recent = latency == null ? null : latency.worst(nowMs - 60_000, nowMs + 1);
        return SloCalculator.status(definition, history, nowMs, minimumEvents, recent);
    }

    synchronized SloDetail detail(long nowMs, java.time.Duration range, int points, long minimumEvents) {
        return SloCalculator.detail(definition, history, latency, nowMs, range, points, minimumEvents);
    }
}

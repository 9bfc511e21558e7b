package io.ossaat.engine.slo;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Where SLO buckets outlive the process. Each instance adds its own deltas; loads sum every instance's rows, so a
 * 30-day budget survives restarts and several instances add up. Implementations throw {@link SloStoreException}.
 */
public interface SloStore {
    /** Adds each bucket's counts to what this instance stored for that bucket (one transaction). */
    void save(Collection<SloBucket> deltas);

    /** The buckets of one width starting at or after {@code since}, summed over all instances. */
    List<SloBucket> load(int widthSeconds, Instant since);

    /** Deletes the buckets of one width that start before {@code before} (all instances). */
    void prune(int widthSeconds, Instant before);
}

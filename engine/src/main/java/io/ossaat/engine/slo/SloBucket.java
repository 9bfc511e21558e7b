package io.ossaat.engine.slo;

import java.time.Instant;
import java.util.Objects;

/**
 * Event counts of one SLO in one time bucket: a delta when saved, a sum over instances when loaded.
 *
 * @param slo          the SLO's name
 * @param start        start of the bucket, a multiple of its width since the epoch
 * @param widthSeconds 10, 300 or 3600
 * @param total        events
 * @param good         good events
 */
public record SloBucket(String slo, Instant start, int widthSeconds, long total, long good) {
    public SloBucket {
        Objects.requireNonNull(slo, "slo");
        Objects.requireNonNull(start, "start");
        if (widthSeconds <= 0) {
            throw new IllegalArgumentException("widthSeconds must be positive, got " + widthSeconds);
        }
    }
}

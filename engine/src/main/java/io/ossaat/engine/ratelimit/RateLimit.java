package io.ossaat.engine.ratelimit;

/**
 * A token bucket: {@code burst} requests at once, refilled at {@code perSecond}. {@code perSecond} 0 means no
 * limit.
 *
 * @param name the policy's name in the {@code RateLimit} and {@code RateLimit-Policy} headers
 */
public record RateLimit(String name, int perSecond, int burst) {
    public RateLimit {
        if (perSecond < 0 || burst < 0 || (perSecond > 0 && burst < 1)) {
            throw new IllegalArgumentException("rate limit '" + name + "' needs perSecond >= 0 and burst >= 1, was "
                    + perSecond + "/s, burst " + burst);
        }
    }

    public boolean unlimited() {
        return perSecond == 0;
    }

    /** Seconds an empty bucket takes to fill: the window of the {@code RateLimit-Policy} quota. */
    public long windowSeconds() {
        return Math.max(1, (burst + perSecond - 1) / perSecond);
    }

    /** {@code RateLimit-Policy}: the quota {@code q} per window {@code w} seconds. */
    public String policyHeader() {
        return "\"" + name + "\";q=" + burst + ";w=" + windowSeconds();
    }
}

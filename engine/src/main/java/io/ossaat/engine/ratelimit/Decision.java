package io.ossaat.engine.ratelimit;

/**
 * The answer for one request.
 *
 * @param remaining         whole tokens left after this request
 * @param retryAfterSeconds when refused: seconds until one token is back (at least 1)
 * @param resetSeconds      seconds until the bucket is full again
 */
public record Decision(boolean allowed, long remaining, long retryAfterSeconds, long resetSeconds) {
    static final Decision UNLIMITED = new Decision(true, Long.MAX_VALUE, 0, 0);

    static Decision of(double tokensLeft, boolean allowed, RateLimit limit) {
        double missing = limit.burst() - tokensLeft;
        long reset = (long) Math.ceil(missing / limit.perSecond());
        long retry = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - tokensLeft) / limit.perSecond()));
        return new Decision(allowed, (long) Math.floor(tokensLeft), retry, reset);
    }

    /** {@code RateLimit}: the policy's remaining quota {@code r} and seconds {@code t} until it is full. */
    public String header(RateLimit limit) {
        return "\"" + limit.name() + "\";r=" + remaining + ";t=" + resetSeconds;
    }
}

package br.com.kycert.ratelimits;

/**
 * A tenant's limits in one environment: requests per second for each key, and for all its keys together.
 *
 * @param perKey requests per second any one key may make
 * @param perTenant requests per second all the tenant's keys of the environment may make together
 */
public record RateLimitPolicy(int perKey, int perTenant) {

    /** The window of every quota, in seconds. */
    public static final int WINDOW_SECONDS = 1;

    public static final int MAX = 100_000;

    public RateLimitPolicy {
        if (perKey < 1 || perKey > MAX || perTenant < 1 || perTenant > MAX) {
            throw new IllegalArgumentException("rate limits must be between 1 and " + MAX + " requests per second");
        }
    }

    /** {@code RateLimit-Policy} (draft-ietf-httpapi-ratelimit-headers-11): one item per quota. */
    String header() {
        return "\"key\";q=" + perKey + ";w=" + WINDOW_SECONDS + ", \"tenant\";q=" + perTenant + ";w=" + WINDOW_SECONDS;
    }
}

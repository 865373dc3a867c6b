package br.com.kycert.client.exception;

import br.com.kycert.client.RateLimit;
import java.time.Duration;
import java.util.Optional;

/**
 * 429: too many requests. The SDK already retried, honouring {@code Retry-After}, as often as it was configured to
 * (and not at all when the server asked for a wait longer than a minute); {@link #getRetryAfter()} says how long
 * the server asked to wait, and {@link #getRateLimit()} which quota ran out.
 */
public class RateLimitException extends KycertException {

    private static final long serialVersionUID = 1L;

    /** The wait the server asked for; {@code null} when it sent no (readable) {@code Retry-After}. */
    private final Duration retryAfter;

    /** The quota the response reported; {@code null} when it sent no readable rate-limit headers. */
    private final RateLimit rateLimit;

    /**
     * Creates the exception from a parsed problem and the response's {@code Retry-After}.
     *
     * @param problem the parsed problem
     * @param retryAfter the wait the server asked for, or {@code null} when it sent none
     */
    public RateLimitException(ProblemDetails problem, Duration retryAfter) {
        this(problem, retryAfter, null);
    }

    /**
     * Creates the exception from a parsed problem, the response's {@code Retry-After} and its rate-limit headers.
     *
     * @param problem the parsed problem
     * @param retryAfter the wait the server asked for, or {@code null} when it sent none
     * @param rateLimit the quota the response reported, or {@code null} when it sent none
     */
    public RateLimitException(ProblemDetails problem, Duration retryAfter, RateLimit rateLimit) {
        super(problem);
        this.retryAfter = retryAfter;
        this.rateLimit = rateLimit;
    }

    /**
     * The quota that refused the request, as the 429 response reported it ({@code RateLimit-Policy} and
     * {@code RateLimit}): the policy (e.g. the key's or the tenant's), its limit, and the remaining requests (0).
     *
     * @return the quota, or empty when the response had no readable rate-limit headers
     */
    public Optional<RateLimit> getRateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    /**
     * How long the server asked the client to wait before trying again ({@code Retry-After}).
     *
     * @return the wait, or empty when the response had no readable {@code Retry-After} header
     */
    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

package br.com.kycert.client.exception;

import java.time.Duration;
import java.util.Optional;

/**
 * 429: too many requests. The SDK already retried, honouring {@code Retry-After}, as often as it was configured to
 * (and not at all when the server asked for a wait longer than a minute); {@link #getRetryAfter()} says how long
 * the server asked to wait.
 */
public class RateLimitException extends KycertException {

    private static final long serialVersionUID = 1L;

    /** The wait the server asked for; {@code null} when it sent no (readable) {@code Retry-After}. */
    private final Duration retryAfter;

    /**
     * Creates the exception from a parsed problem and the response's {@code Retry-After}.
     *
     * @param problem the parsed problem
     * @param retryAfter the wait the server asked for, or {@code null} when it sent none
     */
    public RateLimitException(ProblemDetails problem, Duration retryAfter) {
        super(problem);
        this.retryAfter = retryAfter;
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

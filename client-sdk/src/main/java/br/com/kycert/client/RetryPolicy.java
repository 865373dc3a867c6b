package br.com.kycert.client;

import br.com.kycert.client.invoker.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Decides whether a failed attempt is retried, and after how long.
 *
 * <p>Only requests that are safe to repeat are retried: GETs, and POSTs that carry an {@code Idempotency-Key}
 * (the server replays the first response instead of creating a second run). Only failures that may go away are
 * retried: no response at all (an {@link IOException}), 429 and 5xx. The wait is the server's
 * {@code Retry-After} when it sent one; otherwise exponential backoff with "equal jitter" (half fixed, half
 * random), so that many clients failing together do not retry in lockstep. A {@code Retry-After} longer than
 * {@link #MAX_RETRY_AFTER} is not waited for: the caller gets the exception and decides.
 */
final class RetryPolicy {

    static final Duration INITIAL_DELAY = Duration.ofMillis(500);
    static final Duration MAX_DELAY = Duration.ofSeconds(8);
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final int maxRetries;
    private final DoubleSupplier random;

    /**
     * @param maxRetries how many retries after the first attempt
     * @param random uniform values in [0, 1), for the jitter
     */
    RetryPolicy(int maxRetries, DoubleSupplier random) {
        this.maxRetries = maxRetries;
        this.random = random;
    }

    /** The same policy with another retry budget, for one call's {@code RequestOptions.maxNetworkRetries}. */
    RetryPolicy withMaxRetries(int maxRetries) {
        return maxRetries == this.maxRetries ? this : new RetryPolicy(maxRetries, random);
    }

    /**
     * @param method the HTTP method of the failed request
     * @param hasIdempotencyKey whether it carried an {@code Idempotency-Key}
     * @param retriesSoFar how many retries were already made (0 after the first attempt)
     * @param failure what the generated client threw
     * @return how long to wait before the next attempt, or empty to give up and report the failure
     */
    Optional<Duration> delayBeforeRetry(
            String method, boolean hasIdempotencyKey, int retriesSoFar, ApiException failure) {
        if (retriesSoFar >= maxRetries || !isSafeToRepeat(method, hasIdempotencyKey)) {
            return Optional.empty();
        }
        if (Thread.currentThread().isInterrupted()) {
            return Optional.empty();
        }
        int status = failure.getCode();
        if (status == 0) {
            return isNetworkFailure(failure) ? Optional.of(backoff(retriesSoFar)) : Optional.empty();
        }
        if (status == 429 || status >= 500) {
            Optional<Duration> retryAfter = RetryAfter.parse(failure.getResponseHeaders());
            if (retryAfter.isPresent()) {
                return retryAfter.get().compareTo(MAX_RETRY_AFTER) <= 0 ? retryAfter : Optional.empty();
            }
            return Optional.of(backoff(retriesSoFar));
        }
        return Optional.empty();
    }

    static boolean isSafeToRepeat(String method, boolean hasIdempotencyKey) {
        return "GET".equals(method) || ("POST".equals(method) && hasIdempotencyKey);
    }

    /**
     * No response was received. A success body that could not be decoded also arrives as an {@code ApiException}
     * with status 0 wrapping an {@link IOException} ({@link JsonProcessingException}): that is not a network
     * failure and repeating the request would not fix it.
     */
    static boolean isNetworkFailure(ApiException failure) {
        Throwable cause = failure.getCause();
        return cause instanceof IOException && !(cause instanceof JsonProcessingException);
    }

    /** 0.5 s, 1 s, 2 s, 4 s, 8 s, 8 s… each scaled by a random factor in [0.5, 1). */
    Duration backoff(int retriesSoFar) {
        long base = INITIAL_DELAY.toMillis() << Math.min(retriesSoFar, 20);
        long capped = Math.min(base, MAX_DELAY.toMillis());
        double factor = 0.5 + 0.5 * random.getAsDouble();
        return Duration.ofMillis((long) (capped * factor));
    }
}

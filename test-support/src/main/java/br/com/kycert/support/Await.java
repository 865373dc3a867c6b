package br.com.kycert.support;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for something asynchronous (a run to finish, a webhook to arrive) the one way the tests do:
 * poll every 50 ms until the condition holds, and fail with what was last seen when the deadline
 * passes. A functional bound, never a timing claim: deadlines are generous.
 */
public final class Await {

    static final Duration POLL = Duration.ofMillis(50);

    private Await() {}

    /**
     * Polls {@code probe} until {@code done} accepts its value, and returns that value.
     *
     * @param what what is awaited, for the failure message ("run 123 to finish")
     * @throws AssertionError when {@code timeout} passes first, with the last value seen
     */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
        Objects.requireNonNull(probe, "probe");
        long deadline = System.nanoTime() + timeout.toNanos();
        T last;
        while (true) {
            last = probe.get();
            if (last != null && done.test(last)) {
                return last;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError(
                        "timed out after " + timeout.toMillis() + " ms waiting for " + what + "; last seen: " + last);
            }
            pause();
        }
    }

    /** Polls {@code condition} until it holds; fails as {@link #until(String, Duration, Supplier, Predicate)}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition::getAsBoolean, Boolean::booleanValue);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}

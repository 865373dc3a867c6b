package br.com.kycert.runs;

import br.com.kycert.rules.DecisionRules;
import br.com.kycert.rules.Outcome;
import br.com.kycert.sources.SourceCheckStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One source check of a run: planned when the run is created ({@link #pending}), then answered
 * ({@link #succeeded}), failed or timed out when the run is processed, and finally given the
 * outcome the rules found for its source.
 *
 * @param outcome null until the run is decided, and for a source that did not answer
 * @param answer what the attempt produced; {@link Answer#NONE} while pending
 */
record SourceCheckEntity(
        String source,
        boolean required,
        int timeoutMs,
        long cost,
        SourceCheckStatus status,
        Outcome outcome,
        Answer answer) {

    /**
     * What querying the source produced. {@code attempts} counts the calls made (retries included);
     * {@code raw} is the source's payload, only when it answered; {@code error} says why it did not.
     */
    record Answer(int attempts, Instant startedAt, Instant completedAt, String error, Map<String, Object> raw) {
        static final Answer NONE = new Answer(0, null, null, null, null);

        Long latencyMs() {
            return startedAt == null || completedAt == null
                    ? null
                    : Duration.between(startedAt, completedAt).toMillis();
        }
    }

    SourceCheckEntity {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(answer, "answer");
    }

    static SourceCheckEntity pending(String source, boolean required, int timeoutMs, long cost) {
        return new SourceCheckEntity(source, required, timeoutMs, cost, SourceCheckStatus.PENDING, null, Answer.NONE);
    }

    SourceCheckEntity succeeded(Map<String, Object> raw, int attempts, Instant startedAt, Instant at) {
        return answered(
                SourceCheckStatus.SUCCEEDED,
                new Answer(attempts, startedAt, at, null, Collections.unmodifiableMap(new LinkedHashMap<>(raw))));
    }

    SourceCheckEntity failed(String why, int attempts, Instant startedAt, Instant at) {
        return answered(SourceCheckStatus.FAILED, new Answer(attempts, startedAt, at, why, null));
    }

    SourceCheckEntity timedOut(String why, int attempts, Instant startedAt, Instant at) {
        return answered(SourceCheckStatus.TIMED_OUT, new Answer(attempts, startedAt, at, why, null));
    }

    /** Failed without a call (the source is not configured, or the run ran out of attempts). */
    SourceCheckEntity notAttempted(String why) {
        return answered(SourceCheckStatus.FAILED, new Answer(0, null, null, why, null));
    }

    /** With the outcome the rules found for this source (none for a source that did not answer). */
    SourceCheckEntity decided(DecisionRules.Decision decision) {
        return new SourceCheckEntity(
                source,
                required,
                timeoutMs,
                cost,
                status,
                decision.sourceOutcomes().get(source),
                answer);
    }

    DecisionRules.Check asCheck() {
        return new DecisionRules.Check(source, required, status, answer.raw());
    }

    boolean succeeded() {
        return status == SourceCheckStatus.SUCCEEDED;
    }

    private SourceCheckEntity answered(SourceCheckStatus ended, Answer with) {
        if (status != SourceCheckStatus.PENDING) {
            throw new IllegalStateException("source check " + source + " is already " + status.value());
        }
        return new SourceCheckEntity(source, required, timeoutMs, cost, ended, null, with);
    }
}

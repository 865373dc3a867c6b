package br.com.kycert.runs;

import br.com.kycert.sources.SourceCatalog;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The run workers of this node ({@code kycert.worker.*}). Created when the context starts, so a
 * lease too short for the longest source timeout stops the server at once with the reason, instead
 * of letting two workers process one run.
 *
 * @param enabled whether this node processes runs at all ({@code KYCERT_WORKER_ENABLED})
 * @param threads how many worker threads this node runs; each processes one batch at a time
 * @param batchSize how many runs a worker thread claims at once (one statement) and settles together
 * @param lease how long a claimed run stays with its worker; a run whose worker died is claimed again after it
 * @param pollInterval how long an idle worker waits before looking for queued runs again
 */
@Context
@Requires(notEnv = "cli")
@Requires(property = WorkerConfiguration.PREFIX + ".enabled", notEquals = "false", defaultValue = "true")
@ConfigurationProperties(WorkerConfiguration.PREFIX)
record WorkerConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "2") int threads,
        @Bindable(defaultValue = "64") int batchSize,
        @Bindable(defaultValue = "30s") Duration lease,
        @Bindable(defaultValue = "200ms") Duration pollInterval) {

    static final String PREFIX = "kycert.worker";

    /** A batch is settled in one transaction: bounded so that transaction stays short. */
    static final int MAX_BATCH_SIZE = 1000;

    /** Time left, after the slowest source check, to decide and write the result within the lease. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(5);

    WorkerConfiguration {
        if (threads < 1) {
            throw new ConfigurationException(PREFIX + ".threads must be at least 1, not " + threads);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new ConfigurationException(PREFIX + ".batch-size (KYCERT_WORKER_BATCH_SIZE) must be between 1 and "
                    + MAX_BATCH_SIZE + ", not " + batchSize);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new ConfigurationException(PREFIX + ".poll-interval must be positive, not " + pollInterval);
        }
        Duration minimum = longestCheck().plus(LEASE_MARGIN);
        if (lease.compareTo(minimum) <= 0) {
            throw new ConfigurationException(PREFIX + ".lease (KYCERT_WORKER_LEASE) is " + lease.toMillis()
                    + " ms but must be longer than the longest source timeout ("
                    + longestCheck().toMillis()
                    + " ms) plus " + LEASE_MARGIN.toSeconds() + " s, e.g. "
                    + minimum.plusSeconds(1).toSeconds() + "s");
        }
    }

    /** The longest a source check may take: the longest timeout a template may set, plus the worker's grace. */
    static Duration longestCheck() {
        return SourceCatalog.MAX_TIMEOUT.plus(RunWorker.GRACE);
    }
}

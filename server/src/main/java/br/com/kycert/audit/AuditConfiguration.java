package br.com.kycert.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The batched request audit and last-used tracking ({@code kycert.audit.*}). Created when the
 * context starts, so a bad value stops the server with the reason instead of failing the first
 * flush. The flush jobs ({@link RequestAuditor#flush()}, the last-used tracker) are scheduled by
 * this same property.
 *
 * @param flushInterval how often queued audit rows and last-used times are written
 *     ({@code KYCERT_AUDIT_FLUSH_INTERVAL}); at most this long after a request, its row is in the log
 * @param maxPending how many audit rows may wait for a flush; beyond it (a database outage, say)
 *     new rows are dropped and an error is logged, rather than the node running out of memory
 * @param batchSize how many rows one insert statement writes
 */
@Context
@ConfigurationProperties(AuditConfiguration.PREFIX)
public record AuditConfiguration(
        @Bindable(defaultValue = "500ms") Duration flushInterval,
        @Bindable(defaultValue = "100000") int maxPending,
        @Bindable(defaultValue = "1000") int batchSize) {

    public static final String PREFIX = "kycert.audit";

    static final Duration LONGEST_FLUSH_INTERVAL = Duration.ofMinutes(1);

    public AuditConfiguration {
        if (flushInterval.isNegative()
                || flushInterval.isZero()
                || flushInterval.compareTo(LONGEST_FLUSH_INTERVAL) > 0) {
            throw new ConfigurationException(
                    PREFIX + ".flush-interval (KYCERT_AUDIT_FLUSH_INTERVAL) must be positive and" + " at most "
                            + LONGEST_FLUSH_INTERVAL.toSeconds() + " s, not " + flushInterval);
        }
        if (maxPending < 1) {
            throw new ConfigurationException(PREFIX + ".max-pending must be at least 1, not " + maxPending);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new ConfigurationException(PREFIX + ".batch-size must be 1 to 10000, not " + batchSize);
        }
    }
}

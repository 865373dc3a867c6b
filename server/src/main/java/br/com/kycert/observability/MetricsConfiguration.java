package br.com.kycert.observability;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The metrics that need the database ({@code kycert.metrics.*}), checked when the context starts.
 *
 * @param sampleInterval how often {@link BacklogSampler} queries the run queue and the webhook outbox
 *     ({@code KYCERT_METRICS_SAMPLE_INTERVAL}): 100 ms to 10 min
 */
@Context
@ConfigurationProperties(MetricsConfiguration.PREFIX)
public record MetricsConfiguration(
        @Bindable(defaultValue = "15s") Duration sampleInterval) {

    public static final String PREFIX = "kycert.metrics";

    public MetricsConfiguration {
        if (sampleInterval.compareTo(Duration.ofMillis(100)) < 0
                || sampleInterval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigurationException(PREFIX
                    + ".sample-interval (KYCERT_METRICS_SAMPLE_INTERVAL) must be 100 ms to 10 min, not "
                    + sampleInterval);
        }
    }
}

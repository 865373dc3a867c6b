package br.com.kycert.webhooks;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The webhook dispatcher of this node ({@code kycert.webhooks.*}): how long one POST may take, the
 * retry schedule (base·3^(n-1), capped at base·1440, ±20 % jitter, up to {@code maxAttempts}) and
 * when an endpoint that keeps failing is disabled. Checked when the context starts.
 *
 * @param enabled whether this node delivers webhooks at all
 * @param timeout per attempt, connection included
 * @param retryBase the pause before the second attempt
 * @param maxAttempts attempts of one delivery before it is given up
 * @param disableAfterFailures consecutive failed attempts (any delivery) after which the endpoint is disabled
 * @param pollInterval how long an idle dispatcher waits before looking for due deliveries again
 * @param batchSize due deliveries claimed, and sent concurrently, at a time
 */
@Context
@Requires(notEnv = "cli")
@Requires(property = WebhookConfiguration.PREFIX + ".enabled", notEquals = "false", defaultValue = "true")
@ConfigurationProperties(WebhookConfiguration.PREFIX)
record WebhookConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "10s") Duration timeout,
        @Bindable(defaultValue = "10s") Duration retryBase,
        @Bindable(defaultValue = "13") int maxAttempts,
        @Bindable(defaultValue = "50") int disableAfterFailures,
        @Bindable(defaultValue = "500ms") Duration pollInterval,
        @Bindable(defaultValue = "20") int batchSize) {

    static final String PREFIX = "kycert.webhooks";

    WebhookConfiguration {
        positive("timeout", timeout);
        positive("retry-base", retryBase);
        positive("poll-interval", pollInterval);
        atLeastOne("max-attempts", maxAttempts);
        atLeastOne("disable-after-failures", disableAfterFailures);
        atLeastOne("batch-size", batchSize);
    }

    /** A claimed delivery stays with this node long enough for its POST, with room to record the answer. */
    Duration lease() {
        return timeout.multipliedBy(3).plusSeconds(5);
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException(PREFIX + "." + name + " must be positive, not " + value);
        }
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new ConfigurationException(PREFIX + "." + name + " must be at least 1, not " + value);
        }
    }
}

package br.com.kycert.observability;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The access log ({@code kycert.access-log.*}).
 *
 * @param enabled whether each request is logged on {@code kycert.access} ({@code KYCERT_ACCESS_LOG_ENABLED}); the
 *     logger's level in logback.xml can also turn it off
 */
@ConfigurationProperties(AccessLogConfiguration.PREFIX)
public record AccessLogConfiguration(
        @Bindable(defaultValue = "true") boolean enabled) {

    public static final String PREFIX = "kycert.access-log";
}

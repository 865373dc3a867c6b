package br.com.kycert.observability;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The management port ({@code kycert.management.*}): {@code GET /metrics} in the Prometheus format, on a port of its
 * own. Checked when the context starts, so a bad value stops the server with the reason, and so is a port equal to the
 * public one ({@code ManagementPortCheck}, before either port is opened).
 *
 * @param enabled whether the management port is opened at all ({@code KYCERT_MANAGEMENT_ENABLED})
 * @param port the port ({@code KYCERT_MANAGEMENT_PORT}); 0 picks a free one (tests)
 * @param host the interface to listen on ({@code KYCERT_MANAGEMENT_HOST}); empty: every interface. Keep the port
 *     reachable by the scraper only, not by the internet
 */
@Context
@ConfigurationProperties(ManagementConfiguration.PREFIX)
public record ManagementConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "8081") int port,
        @Bindable(defaultValue = "") String host) {

    public static final String PREFIX = "kycert.management";

    public ManagementConfiguration {
        if (port < 0 || port > 65_535) {
            throw new ConfigurationException(PREFIX + ".port (KYCERT_MANAGEMENT_PORT) must be 0 to 65535, not " + port);
        }
        host = host == null ? "" : host.strip();
    }
}

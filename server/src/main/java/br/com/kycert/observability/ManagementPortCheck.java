package br.com.kycert.observability;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.server.HttpServerConfiguration;

/**
 * Refuses a management port configured as the public one ({@code micronaut.server.port}) while the context starts,
 * before either port is opened: metrics are never served to API clients. {@link ManagementServer} checks the port
 * the API server really bound again, for a public port picked at start-up.
 */
@Context
@Requires(property = "kycert.management.enabled", notEquals = "false")
final class ManagementPortCheck {

    ManagementPortCheck(ManagementConfiguration management, HttpServerConfiguration server) {
        int publicPort = server.getPort().orElse(-1);
        if (management.port() > 0 && management.port() == publicPort) {
            throw new ConfigurationException(ManagementServer.samePortAsTheApi(publicPort));
        }
    }
}

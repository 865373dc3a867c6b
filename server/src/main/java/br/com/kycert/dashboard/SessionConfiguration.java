package br.com.kycert.dashboard;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Dashboard session expiry ({@code kycert.dashboard.session.*}). Created when the context starts, so an expiry that
 * would end every session at once, or an idle timeout past the absolute one, stops the server with the reason.
 *
 * @param idleTimeout a session unused this long is signed out
 * @param absoluteTimeout a session older than this is signed out, however busy
 */
@Context
@ConfigurationProperties(SessionConfiguration.PREFIX)
record SessionConfiguration(
        @Bindable(defaultValue = "30m") Duration idleTimeout,
        @Bindable(defaultValue = "12h") Duration absoluteTimeout) {

    static final String PREFIX = "kycert.dashboard.session";

    SessionConfiguration {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new ConfigurationException(PREFIX + ".idle-timeout must be positive, not " + idleTimeout);
        }
        if (absoluteTimeout.compareTo(idleTimeout) < 0) {
            throw new ConfigurationException(PREFIX + ".absolute-timeout must be at least the idle timeout ("
                    + idleTimeout + "), not " + absoluteTimeout);
        }
    }
}

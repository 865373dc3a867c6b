package br.com.kycert.users;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Sign-in throttling ({@code kycert.sign-in.*}): how many failures lock an e-mail address or a client address out,
 * and for how long. Created when the context starts, so a limit that would lock nobody out (or everybody) stops the
 * server with the reason.
 *
 * @param maxFailuresPerEmail failed sign-ins for one e-mail address, within the window, that lock it out
 * @param maxFailuresPerClient failed sign-ins from one client address, within the window, that lock it out
 * @param failureWindow how far back failures count
 * @param lockout how long a locked-out address stays locked
 */
@Context
@ConfigurationProperties(SignInConfiguration.PREFIX)
record SignInConfiguration(
        @Bindable(defaultValue = "5") int maxFailuresPerEmail,
        @Bindable(defaultValue = "20") int maxFailuresPerClient,
        @Bindable(defaultValue = "15m") Duration failureWindow,
        @Bindable(defaultValue = "15m") Duration lockout) {

    static final String PREFIX = "kycert.sign-in";

    SignInConfiguration {
        if (maxFailuresPerEmail < 1) {
            throw new ConfigurationException(
                    PREFIX + ".max-failures-per-email must be at least 1, not " + maxFailuresPerEmail);
        }
        if (maxFailuresPerClient < 1) {
            throw new ConfigurationException(
                    PREFIX + ".max-failures-per-client must be at least 1, not " + maxFailuresPerClient);
        }
        if (failureWindow.isNegative() || failureWindow.isZero()) {
            throw new ConfigurationException(PREFIX + ".failure-window must be positive, not " + failureWindow);
        }
        if (lockout.isNegative() || lockout.isZero()) {
            throw new ConfigurationException(PREFIX + ".lockout must be positive, not " + lockout);
        }
    }
}

package br.com.kycert.keys;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The per-node API key cache ({@code kycert.keys.cache.*}: {@link CachingApiKeyLookup} and its
 * {@link KeyChangeListener}). Created when the server starts, so a bad bound or interval stops it with the reason
 * instead of surfacing as a cache that never trusts itself.
 *
 * @param enabled whether the node caches keys at all; {@code false} looks each key up in PostgreSQL
 * @param maxKeys keys held per node (0: none); past it, further keys are looked up on each request
 * @param maxUnknown digests of no key remembered per node (0: none)
 * @param heartbeat how often the listening connection is checked while idle
 * @param reconnectDelay pause before a lost listening connection is opened again
 */
@Context
@Requires(notEnv = "cli")
@ConfigurationProperties(KeyCacheConfiguration.PREFIX)
record KeyCacheConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "100000") int maxKeys,
        @Bindable(defaultValue = "10000") int maxUnknown,
        @Bindable(defaultValue = "2s") Duration heartbeat,
        @Bindable(defaultValue = "1s") Duration reconnectDelay) {

    static final String PREFIX = "kycert.keys.cache";

    KeyCacheConfiguration {
        if (maxKeys < 0) {
            throw new ConfigurationException(PREFIX + ".max-keys must be at least 0, not " + maxKeys);
        }
        if (maxUnknown < 0) {
            throw new ConfigurationException(PREFIX + ".max-unknown must be at least 0, not " + maxUnknown);
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new ConfigurationException(PREFIX + ".heartbeat must be positive, not " + heartbeat);
        }
        if (reconnectDelay.isNegative() || reconnectDelay.isZero()) {
            throw new ConfigurationException(PREFIX + ".reconnect-delay must be positive, not " + reconnectDelay);
        }
    }
}

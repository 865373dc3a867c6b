package br.com.kycert.keys;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyCacheConfigurationTest {

    static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void negativeBoundsAndIntervalsThatAreNotPositiveAreRefused() {
        assertThatThrownBy(() -> new KeyCacheConfiguration(true, -1, 10, SECOND, SECOND))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.keys.cache.max-keys");
        assertThatThrownBy(() -> new KeyCacheConfiguration(true, 10, -1, SECOND, SECOND))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.keys.cache.max-unknown");
        assertThatThrownBy(() -> new KeyCacheConfiguration(true, 10, 10, Duration.ZERO, SECOND))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.keys.cache.heartbeat");
        assertThatThrownBy(() -> new KeyCacheConfiguration(true, 10, 10, SECOND, Duration.ofMillis(-1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.keys.cache.reconnect-delay");
    }
}

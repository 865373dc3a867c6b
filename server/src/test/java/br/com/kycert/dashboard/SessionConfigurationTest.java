package br.com.kycert.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionConfigurationTest {

    @Test
    void anIdleTimeoutMustBePositiveAndWithinTheAbsoluteOne() {
        assertThatThrownBy(() -> new SessionConfiguration(Duration.ZERO, Duration.ofHours(12)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.dashboard.session.idle-timeout");
        assertThatThrownBy(() -> new SessionConfiguration(Duration.ofHours(2), Duration.ofHours(1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.dashboard.session.absolute-timeout");
        assertThat(new SessionConfiguration(Duration.ofMinutes(30), Duration.ofMinutes(30)).absoluteTimeout())
                .isEqualTo(Duration.ofMinutes(30));
    }
}

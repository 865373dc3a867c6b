package br.com.kycert.users;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The password and sign-in settings a server refuses to start with, each named in the reason. */
class UsersConfigurationTest {

    static final Duration MINUTES_15 = Duration.ofMinutes(15);

    @Test
    void argon2ParametersArgon2CannotUseAreRefused() {
        assertThatThrownBy(() -> new PasswordConfiguration(19456, 2, 0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.passwords.argon2.parallelism");
        assertThatThrownBy(() -> new PasswordConfiguration(19456, 0, 1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.passwords.argon2.iterations");
        assertThatThrownBy(() -> new PasswordConfiguration(31, 2, 4))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.passwords.argon2.memory-kib")
                .hasMessageContaining("(32)");
    }

    @Test
    void throttlingThatLocksNobodyOutIsRefused() {
        assertThatThrownBy(() -> new SignInConfiguration(0, 20, MINUTES_15, MINUTES_15))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.sign-in.max-failures-per-email");
        assertThatThrownBy(() -> new SignInConfiguration(5, 0, MINUTES_15, MINUTES_15))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.sign-in.max-failures-per-client");
        assertThatThrownBy(() -> new SignInConfiguration(5, 20, Duration.ZERO, MINUTES_15))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.sign-in.failure-window");
        assertThatThrownBy(() -> new SignInConfiguration(5, 20, MINUTES_15, Duration.ofSeconds(-1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.sign-in.lockout");
    }
}

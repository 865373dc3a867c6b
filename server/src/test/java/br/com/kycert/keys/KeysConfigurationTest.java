package br.com.kycert.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeysConfigurationTest {

    @Test
    void aShortPepperIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> new KeysConfiguration("too-short"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("KYCERT_KEYS_PEPPER")
                .hasMessageContaining("16 characters")
                .hasMessageNotContaining("too-short");
    }

    @Test
    void derivedKeysDifferByLabelAndFromThePepper() {
        KeysConfiguration keys = new KeysConfiguration("a-pepper-of-enough-length");

        assertThat(keys.derive("one")).isNotEqualTo(keys.derive("two")).hasSize(32);
        assertThat(keys.derive("one")).isEqualTo(new KeysConfiguration("a-pepper-of-enough-length").derive("one"));
        assertThat(keys.derive("one")).isNotEqualTo(new KeysConfiguration("another-pepper-of-length").derive("one"));
        assertThat(keys.toString()).doesNotContain("a-pepper");
    }

    @Test
    void theDevelopmentPepperNeedsDevelopmentMode() {
        try (ApplicationContext context = context(Map.of())) {
            assertThatThrownBy(() -> KeysConfiguration.refuseDevelopmentPepper(context.getEnvironment()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("KYCERT_KEYS_PEPPER is not set")
                    .hasMessageContaining("KYCERT_DEVELOPMENT=true")
                    .hasMessageNotContaining("\n");
        }
        try (ApplicationContext context = context(Map.of("kycert.development", true))) {
            assertThat(KeysConfiguration.refuseDevelopmentPepper(context.getEnvironment()))
                    .as("allowed, and reported as in use")
                    .isTrue();
        }
        try (ApplicationContext context = context(Map.of("kycert.keys.pepper", "a-pepper-of-this-deployment"))) {
            assertThat(KeysConfiguration.refuseDevelopmentPepper(context.getEnvironment()))
                    .isFalse();
        }
    }

    private static ApplicationContext context(Map<String, Object> properties) {
        // Not the test JVM's system properties (the build turns development mode on for the ITs).
        ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .properties(properties)
                .environmentPropertySource(false)
                .build();
        Environment environment = context.getEnvironment();
        environment.start();
        return context;
    }
}

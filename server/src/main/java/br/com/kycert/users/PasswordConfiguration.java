package br.com.kycert.users;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The Argon2id parameters of new password hashes ({@code kycert.passwords.argon2.*}); the defaults are OWASP's first
 * Argon2id recommendation. Created when the context starts, so parameters Argon2 cannot use stop the server with
 * the reason instead of failing the first sign-in. Changing them never breaks a stored hash: each hash carries its
 * own parameters, and one made with others is rehashed at the next sign-in.
 *
 * @param memoryKib memory per hash, in KiB (Argon2 needs at least 8 per lane)
 * @param iterations passes over the memory
 * @param parallelism lanes
 */
@Context
@ConfigurationProperties(PasswordConfiguration.PREFIX)
record PasswordConfiguration(
        @Bindable(defaultValue = "19456") int memoryKib,
        @Bindable(defaultValue = "2") int iterations,
        @Bindable(defaultValue = "1") int parallelism) {

    static final String PREFIX = "kycert.passwords.argon2";

    /** 4 GiB: beyond it one sign-in would take a node's memory, whatever the intent. */
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;

    PasswordConfiguration {
        if (parallelism < 1 || parallelism > 255) {
            throw new ConfigurationException(PREFIX + ".parallelism must be 1 to 255, not " + parallelism);
        }
        if (iterations < 1) {
            throw new ConfigurationException(PREFIX + ".iterations must be at least 1, not " + iterations);
        }
        if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
            throw new ConfigurationException(PREFIX + ".memory-kib must be at least 8 per lane (" + 8 * parallelism
                    + ") and at most " + MAX_MEMORY_KIB + ", not " + memoryKib);
        }
    }
}

package br.com.kycert.keys;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server secret ({@code kycert.keys.*}): the pepper under which API keys are digested, and from
 * which the other server-side secrets (list cursors, TOTP secrets, sign-in challenges) are derived,
 * each under its own label so that no two uses share a key.
 *
 * <p>The shipped default, {@link #DEVELOPMENT_PEPPER}, is public. {@link #refuseDevelopmentPepper}
 * stops the server and the CLI before they start with it unless development mode
 * ({@code KYCERT_DEVELOPMENT=true}, which {@code bin/serve} and {@code bin/kycert} set) says that is
 * intended.
 *
 * @param pepper the HMAC key for API key digests ({@code KYCERT_KEYS_PEPPER}); at least 16 characters
 */
@ConfigurationProperties(KeysConfiguration.PREFIX)
public record KeysConfiguration(String pepper) {

    public static final String PREFIX = "kycert.keys";

    /** The pepper {@code application.yml} ships with: known to everyone, so only for development. */
    public static final String DEVELOPMENT_PEPPER = "kycert-local-development-pepper-change-me";

    /** {@code kycert.development} ({@code KYCERT_DEVELOPMENT}): allows the development pepper. */
    public static final String DEVELOPMENT_MODE = "kycert.development";

    static final int MINIMUM_LENGTH = 16;

    public KeysConfiguration {
        if (pepper == null || pepper.length() < MINIMUM_LENGTH) {
            throw new ConfigurationException(
                    PREFIX + ".pepper (KYCERT_KEYS_PEPPER) must have at least " + MINIMUM_LENGTH + " characters");
        }
    }

    /**
     * Before the server or the CLI starts: refuses the development pepper outside development mode,
     * with a one-line reason that names the variable to set.
     *
     * @return whether the development pepper is in use (allowed, since development mode is on)
     * @throws IllegalStateException when the development pepper is configured outside development mode
     */
    public static boolean refuseDevelopmentPepper(Environment environment) {
        String pepper =
                environment.getProperty(PREFIX + ".pepper", String.class).orElse(null);
        if (!DEVELOPMENT_PEPPER.equals(pepper)) {
            return false;
        }
        if (environment.getProperty(DEVELOPMENT_MODE, Boolean.class).orElse(false)) {
            return true;
        }
        throw new IllegalStateException(
                "KYCERT_KEYS_PEPPER is not set, and the built-in development pepper is public:"
                        + " set KYCERT_KEYS_PEPPER to a secret of at least " + MINIMUM_LENGTH
                        + " characters (the same for the server and the CLI), or KYCERT_DEVELOPMENT=true on a development machine");
    }

    /** The digest key for API keys. */
    public SecretKeySpec digestKey() {
        return new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * A key of its own for one purpose, derived from the pepper: HMAC-SHA256(pepper, label), so that a
     * cursor MAC, say, is never a key digest.
     */
    public byte[] derive(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(digestKey());
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "KeysConfiguration[pepper=<redacted>]";
    }
}

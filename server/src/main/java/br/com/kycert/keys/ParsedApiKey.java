package br.com.kycert.keys;

import br.com.kycert.shared.Environment;
import java.util.Objects;

/**
 * A presented key that passed the format and checksum test, parsed once: the environment its
 * prefix names, and the secret itself (to digest, never to print: {@link #toString()} masks it).
 */
public record ParsedApiKey(Environment environment, String secret) {

    public ParsedApiKey {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(secret, "secret");
    }

    /** The last 4 characters, the only part of a key that may appear in logs. */
    public String last4() {
        return secret.substring(secret.length() - 4);
    }

    @Override
    public String toString() {
        return "ParsedApiKey[" + environment.value() + ", ..." + last4() + "]";
    }
}

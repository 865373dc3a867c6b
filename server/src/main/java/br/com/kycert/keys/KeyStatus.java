package br.com.kycert.keys;

import java.util.Arrays;
import java.util.Optional;

/**
 * A key's stored status. Expiry is not a status: an active key past its {@code expires_at} is
 * refused like a revoked one, but keeps {@code active} in storage.
 */
public enum KeyStatus {
    ACTIVE("active"),
    INACTIVE("inactive"),
    REVOKED("revoked");

    private final String value;

    KeyStatus(String value) {
        this.value = value;
    }

    /** The wire and database value. */
    public String value() {
        return value;
    }

    public static Optional<KeyStatus> find(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    /** For values read back from the database, which its CHECK constraint keeps valid. */
    public static KeyStatus of(String value) {
        return find(value).orElseThrow(() -> new IllegalStateException("unknown key status in storage: " + value));
    }
}

package br.com.kycert.shared;

import java.util.Arrays;
import java.util.Optional;

/**
 * Live or sandbox. A key's prefix chooses it on every request; runs, webhook endpoints and rate
 * limits are partitioned by it. The only definition of the environments: messages, CLI help and
 * validation derive from it.
 */
public enum Environment {
    LIVE("live"),
    SANDBOX("sandbox");

    private final String value;

    Environment(String value) {
        this.value = value;
    }

    /** The wire and database value ({@code live}, {@code sandbox}). */
    public String value() {
        return value;
    }

    public static Optional<Environment> find(String value) {
        return Arrays.stream(values()).filter(e -> e.value.equals(value)).findFirst();
    }

    /** For values read back from the database, which its CHECK constraint keeps valid. */
    public static Environment of(String value) {
        return find(value).orElseThrow(() -> new IllegalStateException("unknown environment in storage: " + value));
    }

    /** {@code "live, sandbox"}: for messages and help texts. */
    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(Environment::value).toList());
    }
}

package br.com.kycert.rules;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a rule, a source or a whole run comes to. A run's decision is the most severe outcome of its
 * rules and sources; the declaration order is the order of severity.
 */
public enum Outcome {
    APPROVED("approved", "info"),
    REVIEW("review", "review"),
    REJECTED("rejected", "reject");

    private final String value;
    private final String severity;

    Outcome(String value, String severity) {
        this.value = value;
        this.severity = severity;
    }

    /** The wire and database value ({@code approved}, {@code review}, {@code rejected}). */
    public String value() {
        return value;
    }

    /** The severity of a reason that leads to this outcome ({@code info}, {@code review}, {@code reject}). */
    public String severity() {
        return severity;
    }

    /** The more severe of the two. */
    public Outcome worst(Outcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public static Optional<Outcome> find(String value) {
        return Arrays.stream(values()).filter(o -> o.value.equals(value)).findFirst();
    }

    /** The outcome whose reasons have this severity, for reasons read back from the database. */
    public static Outcome ofSeverity(String severity) {
        return Arrays.stream(values())
                .filter(o -> o.severity.equals(severity))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown severity in storage: " + severity));
    }

    /** For values read back from the database, which its CHECK constraint keeps valid. */
    public static Outcome of(String value) {
        return find(value).orElseThrow(() -> new IllegalStateException("unknown outcome in storage: " + value));
    }
}

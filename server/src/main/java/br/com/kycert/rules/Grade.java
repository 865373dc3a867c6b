package br.com.kycert.rules;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a template makes of a default rule: the outcome it leads to when it matches, or {@link #OFF}
 * (the rule is not evaluated).
 */
public enum Grade {
    APPROVED("approved", Outcome.APPROVED),
    REVIEW("review", Outcome.REVIEW),
    REJECTED("rejected", Outcome.REJECTED),
    OFF("off", null);

    private final String value;
    private final Outcome outcome;

    Grade(String value, Outcome outcome) {
        this.value = value;
        this.outcome = outcome;
    }

    /** The stored and CLI value ({@code approved}, {@code review}, {@code rejected}, {@code off}). */
    public String value() {
        return value;
    }

    /** The outcome of a matching rule; empty when the rule is off. */
    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    public static Optional<Grade> find(String value) {
        return Arrays.stream(values()).filter(g -> g.value.equals(value)).findFirst();
    }

    /** {@code "approved, review, rejected, off"}: for messages and help texts. */
    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(Grade::value).toList());
    }
}

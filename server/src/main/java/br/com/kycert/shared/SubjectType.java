package br.com.kycert.shared;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whom a run checks: a person ({@code pf}, by CPF) or a company ({@code pj}, by CNPJ). Templates,
 * runs and key restrictions use it. The only definition of the subject types.
 */
public enum SubjectType {
    PF("pf"),
    PJ("pj");

    private final String value;

    SubjectType(String value) {
        this.value = value;
    }

    /** The wire and database value ({@code pf}, {@code pj}). */
    public String value() {
        return value;
    }

    public static Optional<SubjectType> find(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }

    /** For values read back from the database, which its CHECK constraint keeps valid. */
    public static SubjectType of(String value) {
        return find(value).orElseThrow(() -> new IllegalStateException("unknown subject type in storage: " + value));
    }

    /** {@code "pf, pj"}: for messages and help texts. */
    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(SubjectType::value).toList());
    }
}

package br.com.kycert.credits;

import java.util.Arrays;

/**
 * What a credit ledger movement is: credits granted by an operator, reserved by a live run at its
 * creation, released when it finishes, and settled per source that answered.
 */
public enum LedgerKind {
    GRANT("grant"),
    RESERVE("reserve"),
    RELEASE("release"),
    SETTLE("settle");

    private final String value;

    LedgerKind(String value) {
        this.value = value;
    }

    /** The wire and database value. */
    public String value() {
        return value;
    }

    /** For values read back from the database, which its CHECK constraint keeps valid. */
    public static LedgerKind of(String value) {
        return Arrays.stream(values())
                .filter(k -> k.value.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown ledger kind in storage: " + value));
    }
}

package br.com.kycert.sources;

import java.util.Arrays;
import java.util.Optional;

/** Where one source check of a run stands: pending until the run is processed, then how it ended. */
public enum SourceCheckStatus {
    PENDING("pending"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    TIMED_OUT("timed_out"),
    SKIPPED("skipped");

    private final String value;

    SourceCheckStatus(String value) {
        this.value = value;
    }

    /** The wire and database value ({@code pending}, {@code succeeded}, {@code timed_out}...). */
    public String value() {
        return value;
    }

    public static Optional<SourceCheckStatus> find(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    /** For values read back from the database, which its CHECK constraint keeps valid. */
    public static SourceCheckStatus of(String value) {
        return find(value)
                .orElseThrow(() -> new IllegalStateException("unknown source check status in storage: " + value));
    }
}

package br.com.kycert.keys;

import java.util.Arrays;
import java.util.Optional;

/** The scopes of the reference page. Their values are the roles checked by {@code @Secured}. */
public enum Scope {
    RUNS_WRITE("runs:write"),
    RUNS_READ("runs:read"),
    DETAIL_READ("detail:read");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Scope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}

package br.com.kycert.keys;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The scopes of the reference page; their values are the roles checked by the {@code @Secured}
 * the spec generates. The only definition of the scopes in the server: validation, messages, CLI
 * help and the 403 wording derive from it. A new scope also needs the spec ({@code x-kycert-scopes}
 * and the operations' {@code x-roles}), a migration widening the {@code api_keys} CHECK, and the
 * docs, with its one-line description for the dashboard ({@code keys.scope.<value with _>} in the
 * dashboard messages; the new-key form lists the enum); {@code ScopeTest} holds the enum and the spec together.
 */
public enum Scope {
    RUNS_WRITE("runs:write", false),
    RUNS_READ("runs:read", false),
    DETAIL_READ("detail:read", true);

    private final String value;
    private final boolean needsApproval;

    Scope(String value, boolean needsApproval) {
        this.value = value;
        this.needsApproval = needsApproval;
    }

    /** The wire, role and database value ({@code runs:write}...). */
    public String value() {
        return value;
    }

    /**
     * Whether the scope needs the tenant's support approval, both to be put on a key and to count
     * on each request.
     */
    public boolean needsApproval() {
        return needsApproval;
    }

    public static Optional<Scope> find(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    /** For values read back from the database, which its CHECK constraint keeps valid. */
    public static Scope of(String value) {
        return find(value).orElseThrow(() -> new IllegalStateException("unknown scope in storage: " + value));
    }

    /** Every scope's value, in declaration order: for messages, help texts and validation facts. */
    public static List<String> allowedValues() {
        return Arrays.stream(values()).map(Scope::value).toList();
    }
}

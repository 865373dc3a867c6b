package br.com.kycert.audit;

import br.com.kycert.shared.DomainException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The kinds of audit entries a tenant can filter by, each a set of actions (SQL LIKE patterns). */
public enum AuditKind {
    /** API keys created, rolled, revoked. */
    KEYS("api_key.%"),
    /** Members added, removed, re-roled. */
    MEMBERS("member.%"),
    /** Sign-ins, failed sign-ins, lockouts, TOTP enrolments. */
    SIGN_IN("user.%"),
    /** Support's detail approval granted or withdrawn. */
    DETAIL_ACCESS("tenant.detail_access.%"),
    /** The tenant's creation and security settings. */
    SETTINGS("tenant.created", "tenant.totp_%"),
    /** API requests per key: accepted ones and those refused with 401 for their key. */
    API_REQUESTS("api.request", "api.request.%");

    private final List<String> patterns;

    AuditKind(String... patterns) {
        this.patterns = List.of(patterns);
    }

    List<String> patterns() {
        return patterns;
    }

    /** {@code keys}, {@code members}, {@code sign_in}, {@code detail_access}, {@code settings}, {@code api_requests}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind an action belongs to. */
    public static Optional<AuditKind> of(String action) {
        return Arrays.stream(values())
                .filter(k -> k.patterns.stream()
                        .anyMatch(p ->
                                p.endsWith("%") ? action.startsWith(p.substring(0, p.length() - 1)) : action.equals(p)))
                .findFirst();
    }

    public static AuditKind parse(String value) {
        return Arrays.stream(values())
                .filter(k -> k.value().equals(value))
                .findFirst()
                .orElseThrow(() -> DomainException.invalid(
                        "kind",
                        DomainException.Violation.UNKNOWN_VALUE,
                        Map.of(
                                "value",
                                value,
                                "allowed",
                                Arrays.stream(values()).map(AuditKind::value).toList())));
    }
}

package br.com.kycert.keys;

import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as stored: never the secret, only its last 4 characters.
 *
 * @param detailAccess whether the key's tenant currently has support approval for detail access
 */
public record ApiKey(
        UUID id,
        UUID tenantId,
        String name,
        Environment environment,
        List<Scope> scopes,
        SubjectType subjectType,
        String last4,
        KeyStatus status,
        Instant expiresAt,
        String createdBy,
        Instant createdAt,
        String revokedBy,
        Instant revokedAt,
        Instant lastUsedAt,
        boolean detailAccess) {

    /** Active, and not past its expiry. Expired and inactive keys behave as revoked. */
    public boolean usableAt(Instant now) {
        return ApiKeyVerifier.refusal(this, now).isEmpty();
    }

    /**
     * The status people are shown (CLI, dashboard): {@code expired} for an active key past its expiry (expiry is not a
     * stored status), else the stored status.
     */
    public String shownStatus(Instant now) {
        return status == KeyStatus.ACTIVE && !usableAt(now) ? EXPIRED : status.value();
    }

    /** The shown status of an active key past its expiry. */
    public static final String EXPIRED = "expired";

    /** The scopes in force now: a scope that needs approval only counts while the tenant has it. */
    public List<Scope> effectiveScopes() {
        return scopes.stream().filter(s -> !s.needsApproval() || detailAccess).toList();
    }
}

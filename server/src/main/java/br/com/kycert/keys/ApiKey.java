package br.com.kycert.keys;

import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as stored: never the secret, only its last 4 characters.
 *
 * @param grant what the key may do
 * @param lifecycle who created and revoked it, and when; its expiry and last use
 */
public record ApiKey(
        UUID id,
        UUID tenantId,
        String name,
        Environment environment,
        String last4,
        KeyStatus status,
        Grant grant,
        Lifecycle lifecycle) {

    /** A key just created by {@code actor} at {@code now}: active, never used, never revoked. */
    static ApiKey issued(
            UUID id,
            UUID tenantId,
            String name,
            Environment environment,
            String last4,
            Grant grant,
            @Nullable Instant expiresAt,
            String actor,
            Instant now) {
        return new ApiKey(
                id,
                tenantId,
                name,
                environment,
                last4,
                KeyStatus.ACTIVE,
                grant,
                Lifecycle.created(actor, now, expiresAt));
    }

    /**
     * What a key may do.
     *
     * @param subjectType the only subject type it may check, or null for any
     * @param detailAccess whether the key's tenant currently has support approval for detail access
     */
    public record Grant(List<Scope> scopes, @Nullable SubjectType subjectType, boolean detailAccess) {

        public Grant {
            scopes = List.copyOf(scopes);
        }

        /** The scopes in force now: a scope that needs approval only counts while the tenant has it. */
        public List<Scope> effectiveScopes() {
            return scopes.stream()
                    .filter(s -> !s.needsApproval() || detailAccess)
                    .toList();
        }
    }

    /** A key's history: created, optionally expiring, last used, revoked (the actors as {@code kind:id}). */
    public record Lifecycle(
            String createdBy,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant lastUsedAt,
            @Nullable String revokedBy,
            @Nullable Instant revokedAt) {

        /** Created by {@code actor} at {@code at}; never used, never revoked. */
        public static Lifecycle created(String actor, Instant at, @Nullable Instant expiresAt) {
            return new Lifecycle(actor, at, expiresAt, null, null, null);
        }
    }

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

    /** Every status people may be shown, in the order the dashboard offers them as filters. */
    public static final List<String> SHOWN_STATUSES =
            List.of(KeyStatus.ACTIVE.value(), EXPIRED, KeyStatus.REVOKED.value(), KeyStatus.INACTIVE.value());
}

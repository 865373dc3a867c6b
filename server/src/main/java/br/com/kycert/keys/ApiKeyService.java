package br.com.kycert.keys;

import br.com.kycert.audit.AuditLog;
import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.DomainException.Violation;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.Ids;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.tenants.TenantService;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Creating, listing, revoking and looking up API keys. */
@Singleton
public class ApiKeyService {

    /** The result of creation: the only moment the secret exists outside the caller's hands. */
    public record CreatedKey(ApiKey key, String secret) {}

    /** The longest key name, in characters. */
    public static final int MAX_NAME = 200;

    private final ApiKeyRepository keys;
    private final KeyDigester digester;
    private final TenantService tenants;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;
    private final LocalKeyInvalidation invalidation;

    ApiKeyService(
            ApiKeyRepository keys,
            KeyDigester digester,
            TenantService tenants,
            AuditLog audit,
            Ids ids,
            Clock clock,
            LocalKeyInvalidation invalidation) {
        this.invalidation = invalidation;
        this.keys = keys;
        this.digester = digester;
        this.tenants = tenants;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Creates a key. Refuses (with a {@link DomainException} on {@code tenant_id}, {@code name},
     * {@code scopes} or {@code expires_at}) an unknown tenant, a blank or long name, an empty or
     * unknown scope list, a scope that needs approval the tenant lacks, and a past expiry. Scopes are
     * taken as given by a front end (blank entries ignored, repeats collapsed).
     */
    @Transactional
    public CreatedKey create(
            UUID tenantId,
            String name,
            Environment environment,
            Collection<String> scopes,
            SubjectType subjectType,
            Instant expiresAt,
            String actor) {
        var tenant = tenants.find(tenantId).orElseThrow(() -> DomainException.notFound("tenant", tenantId));
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw DomainException.invalid("name", Violation.LENGTH, Map.of("min", 1, "max", MAX_NAME));
        }
        Set<Scope> normalized = new LinkedHashSet<>();
        for (String scope : scopes) {
            String s = scope.strip();
            if (s.isEmpty()) {
                continue;
            }
            normalized.add(Scope.find(s)
                    .orElseThrow(() -> DomainException.invalid(
                            "scopes", Violation.UNKNOWN_VALUE, Map.of("value", s, "allowed", Scope.allowedValues()))));
        }
        if (normalized.isEmpty()) {
            throw DomainException.invalid(
                    "scopes", Violation.REQUIRED, Map.of("min_items", 1, "allowed", Scope.allowedValues()));
        }
        for (Scope scope : normalized) {
            if (scope.needsApproval() && !tenant.detailAccess()) {
                throw DomainException.invalid("scopes", Violation.NOT_APPROVED, Map.of("value", scope.value()));
            }
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw DomainException.invalid("expires_at", Violation.NOT_IN_FUTURE, Map.of("value", expiresAt));
        }
        String secret = ApiKeyFormat.generate(environment);
        ApiKey key = ApiKey.issued(
                ids.next(),
                tenantId,
                name.strip(),
                environment,
                secret.substring(secret.length() - 4),
                new ApiKey.Grant(List.copyOf(normalized), subjectType, tenant.detailAccess()),
                expiresAt,
                actor,
                now);
        keys.insert(key, digester.digest(secret));
        invalidation.keyChanged(key.id());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("environment", environment.value());
        details.put("scopes", normalized.stream().map(Scope::value).toList());
        if (subjectType != null) {
            details.put("subject_type", subjectType.value());
        }
        audit.record("api_key.created", tenantId, actor, key.id(), key.name(), details);
        return new CreatedKey(key, secret);
    }

    @Transactional
    public List<ApiKey> list(UUID tenantId) {
        tenants.find(tenantId).orElseThrow(() -> DomainException.notFound("tenant", tenantId));
        return keys.listByTenant(tenantId);
    }

    /** Revokes a key; the very next request with it is refused, on every node. */
    @Transactional
    public ApiKey revoke(UUID keyId, String actor) {
        ApiKey key = keys.findById(keyId).orElseThrow(() -> DomainException.notFound("key", keyId));
        if (keys.revoke(keyId, actor, clock.instant())) {
            invalidation.keyChanged(keyId);
            audit.record("api_key.revoked", key.tenantId(), actor, key.id(), key.name(), Map.of());
        }
        return keys.findById(keyId).orElseThrow();
    }

    /** A key of this tenant; another tenant's key is not found, exactly like a missing one. */
    @Transactional
    public Optional<ApiKey> find(UUID tenantId, UUID keyId) {
        return keys.findById(keyId).filter(k -> k.tenantId().equals(tenantId));
    }

    /** Revokes a key of this tenant (the dashboard); another tenant's key is {@code key_not_found}. */
    @Transactional
    public ApiKey revoke(UUID tenantId, UUID keyId, String actor) {
        find(tenantId, keyId).orElseThrow(() -> DomainException.notFound("key", keyId));
        return revoke(keyId, actor);
    }

    /** For the tenant's rolled keys: each successor's id → the id of the key it replaced. */
    @Transactional
    public Map<UUID, UUID> successors(UUID tenantId) {
        return keys.successors(tenantId);
    }

    /**
     * Rolls a key, the reference page's safe rotation: a successor with the same name, environment,
     * scopes and subject restriction (and no expiry: rotation starts it afresh), and the old key set to expire after {@code overlap} (zero: at
     * once), so the integration can switch while the old key's last use shows whether it still calls.
     * A revoked key cannot be rolled ({@code key_revoked}); a key with {@code detail:read} rolls only
     * while the tenant still has the approval, like a new key.
     */
    @Transactional
    public CreatedKey roll(UUID tenantId, UUID keyId, java.time.Duration overlap, String actor) {
        ApiKey old = find(tenantId, keyId).orElseThrow(() -> DomainException.notFound("key", keyId));
        if (old.status() == KeyStatus.REVOKED) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "key_revoked",
                    null,
                    null,
                    Map.of("id", keyId),
                    "a revoked key cannot be rolled");
        }
        if (overlap.isNegative()) {
            throw DomainException.invalid("expires_in", Violation.OUT_OF_RANGE, Map.of("min", 0));
        }
        CreatedKey successor = create(
                tenantId,
                old.name(),
                old.environment(),
                old.grant().scopes().stream().map(Scope::value).toList(),
                old.grant().subjectType(),
                null,
                actor);
        keys.markSuccessor(successor.key().id(), old.id());
        Instant oldExpiry = clock.instant().plus(overlap);
        keys.expireBy(old.id(), oldExpiry);
        invalidation.keyChanged(old.id());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("successor_id", successor.key().id().toString());
        details.put("old_key_expires_at", oldExpiry.toString());
        audit.record("api_key.rolled", tenantId, actor, old.id(), old.name(), details);
        return successor;
    }

    @Transactional
    public void touchLastUsed(Map<UUID, Instant> lastUsed) {
        keys.touchLastUsed(lastUsed);
    }
}

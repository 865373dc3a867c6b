package br.com.kycert.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * Whose data a request may touch: one tenant in one environment, taken only from the
 * authenticated key. Every repository method over tenant data takes one, so no query can forget
 * the tenant or the environment.
 */
public record TenantScope(UUID tenantId, Environment environment) {
    public TenantScope {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(environment, "environment");
    }
}

package br.com.kycert.ratelimits;

import br.com.kycert.audit.AuditLog;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.jdbc.Sql;
import br.com.kycert.tenants.TenantService;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant rate limits. Overrides live in {@code tenant_rate_limits}; the request path reads them only from memory
 * (reloaded on every node heartbeat, and at once on the node that changes them), so limiting costs no query.
 */
@Singleton
public class RateLimitService {

    /** A tenant's limits in one environment and whether they are the defaults. */
    public record EffectivePolicy(UUID tenantId, Environment environment, RateLimitPolicy policy, boolean isDefault) {}

    private record Scope(UUID tenantId, Environment environment) {}

    private final Sql sql;
    private final TenantService tenants;
    private final RateLimitConfiguration configuration;
    private final AuditLog audit;
    private final Clock clock;
    private volatile Map<Scope, RateLimitPolicy> overrides = Map.of();

    RateLimitService(
            Sql sql, TenantService tenants, RateLimitConfiguration configuration, AuditLog audit, Clock clock) {
        this.sql = sql;
        this.tenants = tenants;
        this.configuration = configuration;
        this.audit = audit;
        this.clock = clock;
    }

    /** The limits in force for a tenant's keys of one environment; from memory, never a query. */
    public RateLimitPolicy policy(UUID tenantId, Environment environment) {
        RateLimitPolicy override = overrides.get(new Scope(tenantId, environment));
        return override != null ? override : configuration.defaults(environment);
    }

    /** The limits of a tenant as stored, for the operator CLI. */
    @Transactional
    public EffectivePolicy describe(UUID tenantId, Environment environment) {
        tenants.find(tenantId).orElseThrow(() -> new NoSuchElementException("no tenant " + tenantId));
        Optional<RateLimitPolicy> stored = stored(tenantId, environment);
        return new EffectivePolicy(
                tenantId, environment, stored.orElse(configuration.defaults(environment)), stored.isEmpty());
    }

    /**
     * Sets a tenant's limits in one environment; what is not given keeps its current value. Other nodes apply it on
     * their next heartbeat.
     */
    @Transactional
    public EffectivePolicy set(
            UUID tenantId, Environment environment, Integer perKey, Integer perTenant, String actor) {
        EffectivePolicy current = describe(tenantId, environment);
        RateLimitPolicy next = new RateLimitPolicy(
                perKey != null ? perKey : current.policy().perKey(),
                perTenant != null ? perTenant : current.policy().perTenant());
        sql.update(
                "insert into tenant_rate_limits (tenant_id, environment, per_key, per_tenant, updated_by, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?) on conflict (tenant_id, environment) do update set"
                        + " per_key = excluded.per_key, per_tenant = excluded.per_tenant,"
                        + " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                s -> {
                    s.setObject(1, tenantId);
                    s.setString(2, environment.value());
                    s.setInt(3, next.perKey());
                    s.setInt(4, next.perTenant());
                    s.setString(5, actor);
                    s.setTimestamp(6, Sql.timestamp(clock.instant()));
                });
        audit.record(
                "tenant.rate_limit_set",
                tenantId,
                actor,
                null,
                null,
                Map.of("environment", environment.value(), "per_key", next.perKey(), "per_tenant", next.perTenant()));
        reload();
        return new EffectivePolicy(tenantId, environment, next, false);
    }

    /** Back to the defaults. */
    @Transactional
    public EffectivePolicy reset(UUID tenantId, Environment environment, String actor) {
        describe(tenantId, environment);
        sql.update("delete from tenant_rate_limits where tenant_id = ? and environment = ?", s -> {
            s.setObject(1, tenantId);
            s.setString(2, environment.value());
        });
        audit.record(
                "tenant.rate_limit_reset", tenantId, actor, null, null, Map.of("environment", environment.value()));
        reload();
        return new EffectivePolicy(tenantId, environment, configuration.defaults(environment), true);
    }

    /** Reads every override into memory (one small query, on the heartbeat, never per request). */
    void reload() {
        Map<Scope, RateLimitPolicy> loaded = new ConcurrentHashMap<>();
        sql.query(
                        "select tenant_id, environment, per_key, per_tenant from tenant_rate_limits",
                        s -> {},
                        row -> Map.entry(
                                new Scope(Sql.uuid(row, "tenant_id"), Environment.of(row.getString("environment"))),
                                new RateLimitPolicy(row.getInt("per_key"), row.getInt("per_tenant"))))
                .forEach(e -> loaded.put(e.getKey(), e.getValue()));
        overrides = Map.copyOf(loaded);
    }

    private Optional<RateLimitPolicy> stored(UUID tenantId, Environment environment) {
        return sql.queryOne(
                "select per_key, per_tenant from tenant_rate_limits where tenant_id = ? and environment = ?",
                s -> {
                    s.setObject(1, tenantId);
                    s.setString(2, environment.value());
                },
                row -> new RateLimitPolicy(row.getInt("per_key"), row.getInt("per_tenant")));
    }
}

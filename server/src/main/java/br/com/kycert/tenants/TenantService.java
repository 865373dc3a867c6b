package br.com.kycert.tenants;

import br.com.kycert.audit.AuditLog;
import br.com.kycert.shared.DomainException.Violation;
import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.Ids;
import br.com.kycert.shared.jdbc.Sql;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Tenants (brokerages) and the support approval for detail access. */
@Singleton
public class TenantService {

    /** A tenant as operators see it. */
    public record Tenant(UUID id, String name, boolean detailAccess, String detailAccessChangedBy,
                         Instant detailAccessChangedAt, Instant createdAt) {}

    /** The longest tenant name, in characters. */
    public static final int MAX_NAME = 200;

    private final Sql sql;
    private final Ids ids;
    private final Clock clock;
    private final AuditLog audit;

    TenantService(Sql sql, Ids ids, Clock clock, AuditLog audit) {
        this.sql = sql;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    public Tenant create(String name, String actor) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw DomainException.invalid("name", Violation.LENGTH, Map.of("min", 1, "max", MAX_NAME));
        }
        UUID id = ids.next();
        Instant now = clock.instant();
        sql.update("insert into tenants (id, name, created_at) values (?, ?, ?)", s -> {
            s.setObject(1, id);
            s.setString(2, name.strip());
            s.setTimestamp(3, Sql.timestamp(now));
        });
        audit.record("tenant.created", id, actor, null, null, Map.of("name", name.strip()));
        return new Tenant(id, name.strip(), false, null, null, now);
    }

    @Transactional
    public Optional<Tenant> find(UUID id) {
        return sql.queryOne("select * from tenants where id = ?", s -> s.setObject(1, id), row -> new Tenant(
                Sql.uuid(row, "id"),
                row.getString("name"),
                row.getBoolean("detail_access"),
                row.getString("detail_access_changed_by"),
                Sql.instant(row, "detail_access_changed_at"),
                Sql.instant(row, "created_at")));
    }

    /** Grants or withdraws detail access; withdrawing takes effect on the very next request. */
    @Transactional
    public Tenant setDetailAccess(UUID id, boolean approved, String actor) {
        Instant now = clock.instant();
        int updated = sql.update(
                "update tenants set detail_access = ?, detail_access_changed_by = ?, detail_access_changed_at = ? where id = ?",
                s -> {
                    s.setBoolean(1, approved);
                    s.setString(2, actor);
                    s.setTimestamp(3, Sql.timestamp(now));
                    s.setObject(4, id);
                });
        if (updated == 0) {
            throw DomainException.notFound("tenant", id);
        }
        audit.record(approved ? "tenant.detail_access.approved" : "tenant.detail_access.revoked",
                id, actor, null, null, Map.of());
        return find(id).orElseThrow();
    }

    /** Whether every member of the tenant must sign in with a TOTP code. */
    @Transactional
    public boolean totpRequired(UUID id) {
        return sql.queryOne("select require_totp from tenants where id = ?", s -> s.setObject(1, id),
                        row -> row.getBoolean("require_totp"))
                .orElse(false);
    }

    /** Requires (or stops requiring) TOTP of every member; the caller has checked the actor is an owner. */
    @Transactional
    public void setTotpRequired(UUID id, boolean required, String actor) {
        int updated = sql.update("update tenants set require_totp = ? where id = ?", s -> {
            s.setBoolean(1, required);
            s.setObject(2, id);
        });
        if (updated == 0) {
            throw br.com.kycert.shared.DomainException.notFound("tenant", id);
        }
        audit.record(required ? "tenant.totp_required" : "tenant.totp_not_required", id, actor, null, null, Map.of());
    }
}

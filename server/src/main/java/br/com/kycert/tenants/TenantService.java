package br.com.kycert.tenants;

import br.com.kycert.audit.AuditLog;
import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.DomainException.Violation;
import br.com.kycert.shared.Ids;
import br.com.kycert.shared.jdbc.Sql;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Tenants (brokerages) and the support approval for detail access. */
@Singleton
public class TenantService {

    /** Published (inside the transaction) when a tenant's detail approval was granted or withdrawn. */
    public record DetailAccessChanged(UUID tenantId) {}

    /**
     * A tenant as operators see it.
     *
     * @param detailAccessReason why support last granted or withdrew detail access (null if never, or not said)
     * @param requireTotp whether every member must sign in with a TOTP code
     */
    public record Tenant(
            UUID id,
            String name,
            boolean detailAccess,
            String detailAccessChangedBy,
            Instant detailAccessChangedAt,
            Instant createdAt,
            String detailAccessReason,
            boolean requireTotp) {}

    static final int MAX_REASON = 500;

    /** The longest tenant name, in characters. */
    public static final int MAX_NAME = 200;

    private final Sql sql;
    private final Ids ids;
    private final Clock clock;
    private final AuditLog audit;
    private final ApplicationEventPublisher<DetailAccessChanged> detailAccessChanges;

    TenantService(
            Sql sql,
            Ids ids,
            Clock clock,
            AuditLog audit,
            ApplicationEventPublisher<DetailAccessChanged> detailAccessChanges) {
        this.sql = sql;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.detailAccessChanges = detailAccessChanges;
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
        return new Tenant(id, name.strip(), false, null, null, now, null, false);
    }

    @Transactional
    public Optional<Tenant> find(UUID id) {
        return sql.queryOne("select * from tenants where id = ?", s -> s.setObject(1, id), TenantService::map);
    }

    /**
     * Tenants whose id is {@code query}, or whose name contains it ignoring case, by name; at most
     * {@code limit}. For kycert's support console, which is the only front end that sees every tenant.
     */
    @Transactional
    public List<Tenant> search(String query, int limit) {
        String text = query == null ? "" : query.strip();
        UUID id = parseUuid(text);
        if (id != null) {
            return find(id).map(List::of).orElse(List.of());
        }
        String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return sql.query(
                "select * from tenants where name ilike ? order by lower(name), id limit ?",
                s -> {
                    s.setString(1, pattern);
                    s.setInt(2, limit);
                },
                TenantService::map);
    }

    private static UUID parseUuid(String text) {
        if (text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Tenant map(ResultSet row) throws SQLException {
        return new Tenant(
                Sql.uuid(row, "id"),
                row.getString("name"),
                row.getBoolean("detail_access"),
                row.getString("detail_access_changed_by"),
                Sql.instant(row, "detail_access_changed_at"),
                Sql.instant(row, "created_at"),
                row.getString("detail_access_reason"),
                row.getBoolean("require_totp"));
    }

    /** Grants or withdraws detail access without a reason (operator CLI without {@code --reason}). */
    @Transactional
    public Tenant setDetailAccess(UUID id, boolean approved, String actor) {
        return setDetailAccess(id, approved, actor, null);
    }

    /**
     * Grants or withdraws detail access, saying why; it takes effect on this node's next request and
     * on every other node within milliseconds (the key cache is invalidated by a database trigger). Each decision is audited in
     * the tenant's own log, with its reason, so the tenant sees it.
     *
     * @param reason up to 500 characters, or null
     */
    @Transactional
    public Tenant setDetailAccess(UUID id, boolean approved, String actor, String reason) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > MAX_REASON) {
            throw DomainException.invalid(
                    "reason", DomainException.Violation.LENGTH, Map.of("min", 1, "max", MAX_REASON));
        }
        Instant now = clock.instant();
        int updated = sql.update(
                "update tenants set detail_access = ?, detail_access_changed_by = ?, detail_access_changed_at = ?,"
                        + " detail_access_reason = ? where id = ?",
                s -> {
                    s.setBoolean(1, approved);
                    s.setString(2, actor);
                    s.setTimestamp(3, Sql.timestamp(now));
                    s.setString(4, why);
                    s.setObject(5, id);
                });
        if (updated == 0) {
            throw DomainException.notFound("tenant", id);
        }
        detailAccessChanges.publishEvent(new DetailAccessChanged(id));
        Map<String, Object> details = new LinkedHashMap<>();
        if (why != null) {
            details.put("reason", why);
        }
        audit.record(
                approved ? "tenant.detail_access.approved" : "tenant.detail_access.revoked",
                id,
                actor,
                null,
                null,
                details);
        return find(id).orElseThrow();
    }

    /** Whether every member of the tenant must sign in with a TOTP code. */
    @Transactional
    public boolean totpRequired(UUID id) {
        return sql.queryOne(
                        "select require_totp from tenants where id = ?",
                        s -> s.setObject(1, id),
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
            throw DomainException.notFound("tenant", id);
        }
        audit.record(required ? "tenant.totp_required" : "tenant.totp_not_required", id, actor, null, null, Map.of());
    }
}

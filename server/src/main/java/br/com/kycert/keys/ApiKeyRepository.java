package br.com.kycert.keys;

import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.shared.jdbc.Sql;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
class ApiKeyRepository {

    private static final String SELECT =
            "select k.*, t.detail_access from api_keys k join tenants t on t.id = k.tenant_id ";

    private final Sql sql;

    ApiKeyRepository(Sql sql) {
        this.sql = sql;
    }

    void insert(ApiKey key, byte[] digest) {
        sql.update(
                "insert into api_keys (id, tenant_id, name, environment, scopes, subject_type, digest, last4,"
                        + " status, expires_at, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setObject(1, key.id());
                    s.setObject(2, key.tenantId());
                    s.setString(3, key.name());
                    s.setString(4, key.environment().value());
                    Array scopes = s.getConnection()
                            .createArrayOf(
                                    "text",
                                    key.grant().scopes().stream()
                                            .map(Scope::value)
                                            .toArray());
                    s.setArray(5, scopes);
                    s.setString(
                            6,
                            key.grant().subjectType() == null
                                    ? null
                                    : key.grant().subjectType().value());
                    s.setBytes(7, digest);
                    s.setString(8, key.last4());
                    s.setString(9, key.status().value());
                    s.setTimestamp(10, Sql.timestamp(key.lifecycle().expiresAt()));
                    s.setString(11, key.lifecycle().createdBy());
                    s.setTimestamp(12, Sql.timestamp(key.lifecycle().createdAt()));
                });
    }

    Optional<ApiKey> findByDigest(byte[] digest) {
        return sql.queryOne(SELECT + "where k.digest = ?", s -> s.setBytes(1, digest), ApiKeyRepository::map);
    }

    Optional<ApiKey> findById(UUID id) {
        return sql.queryOne(SELECT + "where k.id = ?", s -> s.setObject(1, id), ApiKeyRepository::map);
    }

    List<ApiKey> listByTenant(UUID tenantId) {
        return sql.query(
                SELECT + "where k.tenant_id = ? order by k.created_at desc, k.id desc",
                s -> s.setObject(1, tenantId),
                ApiKeyRepository::map);
    }

    boolean revoke(UUID id, String actor, Instant at) {
        return sql.update(
                        "update api_keys set status = 'revoked', revoked_by = ?, revoked_at = ?"
                                + " where id = ? and status <> 'revoked'",
                        s -> {
                            s.setString(1, actor);
                            s.setTimestamp(2, Sql.timestamp(at));
                            s.setObject(3, id);
                        })
                > 0;
    }

    void markSuccessor(UUID successor, UUID replaced) {
        sql.update("update api_keys set replaces_key_id = ? where id = ?", s -> {
            s.setObject(1, replaced);
            s.setObject(2, successor);
        });
    }

    /** Brings an active key's expiry forward to {@code at} (never pushes it later). */
    void expireBy(UUID id, Instant at) {
        sql.update("update api_keys set expires_at = least(coalesce(expires_at, ?), ?) where id = ?", s -> {
            s.setTimestamp(1, Sql.timestamp(at));
            s.setTimestamp(2, Sql.timestamp(at));
            s.setObject(3, id);
        });
    }

    /** For the tenant's rolled keys: successor id → the id of the key it replaces. */
    Map<UUID, UUID> successors(UUID tenantId) {
        Map<UUID, UUID> out = new java.util.HashMap<>();
        sql.query(
                "select id, replaces_key_id from api_keys where tenant_id = ? and replaces_key_id is not null",
                s -> s.setObject(1, tenantId),
                row -> out.put(Sql.uuid(row, "id"), Sql.uuid(row, "replaces_key_id")));
        return out;
    }

    /** One statement for a whole batch of last-used times; never moves a time backwards. */
    void touchLastUsed(Map<UUID, Instant> lastUsed) {
        if (lastUsed.isEmpty()) {
            return;
        }
        UUID[] ids = lastUsed.keySet().toArray(UUID[]::new);
        java.sql.Timestamp[] times =
                Arrays.stream(ids).map(id -> Sql.timestamp(lastUsed.get(id))).toArray(java.sql.Timestamp[]::new);
        sql.update(
                "update api_keys k set last_used_at = greatest(k.last_used_at, u.at)"
                        + " from unnest(?::uuid[], ?::timestamptz[]) as u(id, at) where k.id = u.id",
                s -> {
                    s.setArray(1, s.getConnection().createArrayOf("uuid", ids));
                    s.setArray(2, s.getConnection().createArrayOf("timestamptz", times));
                });
    }

    private static SubjectType subjectType(String stored) {
        return stored == null ? null : SubjectType.of(stored);
    }

    private static ApiKey map(ResultSet row) throws SQLException {
        String[] scopes = (String[]) row.getArray("scopes").getArray();
        return new ApiKey(
                Sql.uuid(row, "id"),
                Sql.uuid(row, "tenant_id"),
                row.getString("name"),
                Environment.of(row.getString("environment")),
                row.getString("last4"),
                KeyStatus.of(row.getString("status")),
                new ApiKey.Grant(
                        Arrays.stream(scopes).map(Scope::of).toList(),
                        subjectType(row.getString("subject_type")),
                        row.getBoolean("detail_access")),
                new ApiKey.Lifecycle(
                        row.getString("created_by"),
                        Sql.instant(row, "created_at"),
                        Sql.instant(row, "expires_at"),
                        Sql.instant(row, "last_used_at"),
                        row.getString("revoked_by"),
                        Sql.instant(row, "revoked_at")));
    }
}

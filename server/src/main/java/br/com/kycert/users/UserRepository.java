package br.com.kycert.users;

import br.com.kycert.shared.jdbc.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
class UserRepository {

    private final Sql sql;

    UserRepository(Sql sql) {
        this.sql = sql;
    }

    void insert(UserEntity user) {
        sql.update(
                "insert into users (id, tenant_id, email, role, password_hash, created_by, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setObject(1, user.id());
                    s.setObject(2, user.tenantId(), Types.OTHER);
                    s.setString(3, user.email());
                    s.setString(4, user.role());
                    s.setString(5, user.passwordHash());
                    s.setString(6, user.lifecycle().createdBy());
                    s.setTimestamp(7, Sql.timestamp(user.lifecycle().createdAt()));
                });
    }

    boolean emailTaken(String email) {
        return sql.queryOne(
                        "select 1 from users where lower(email) = lower(?) and removed_at is null",
                        s -> s.setString(1, email),
                        row -> true)
                .isPresent();
    }

    Optional<UserEntity> findActiveByEmail(String email) {
        return sql.queryOne(
                "select * from users where lower(email) = lower(?) and removed_at is null",
                s -> s.setString(1, email),
                UserRepository::map);
    }

    /** A current account by id; locks the row so concurrent changes to it serialise. */
    Optional<UserEntity> findActiveForUpdate(UUID id) {
        return sql.queryOne(
                "select * from users where id = ? and removed_at is null for update",
                s -> s.setObject(1, id),
                UserRepository::map);
    }

    Optional<UserEntity> findActive(UUID id) {
        return sql.queryOne(
                "select * from users where id = ? and removed_at is null",
                s -> s.setObject(1, id),
                UserRepository::map);
    }

    List<UserEntity> listMembers(UUID tenantId) {
        return sql.query(
                "select * from users where tenant_id = ? and removed_at is null order by created_at, id",
                s -> s.setObject(1, tenantId),
                UserRepository::map);
    }

    List<UserEntity> listSupport() {
        return sql.query(
                "select * from users where tenant_id is null and removed_at is null order by created_at, id",
                s -> {},
                UserRepository::map);
    }

    /** Owners of the tenant, locked, so two concurrent demotions cannot leave it with none. */
    int countOwnersForUpdate(UUID tenantId) {
        return sql.query(
                        "select id from users where tenant_id = ? and role = 'owner' and removed_at is null for update",
                        s -> s.setObject(1, tenantId),
                        row -> 1)
                .size();
    }

    void remove(UUID id, String actor, Instant at) {
        sql.update("update users set removed_by = ?, removed_at = ? where id = ? and removed_at is null", s -> {
            s.setString(1, actor);
            s.setTimestamp(2, Sql.timestamp(at));
            s.setObject(3, id);
        });
    }

    void setRole(UUID id, String role) {
        sql.update("update users set role = ? where id = ?", s -> {
            s.setString(1, role);
            s.setObject(2, id);
        });
    }

    void setPasswordHash(UUID id, String hash) {
        sql.update("update users set password_hash = ? where id = ?", s -> {
            s.setString(1, hash);
            s.setObject(2, id);
        });
    }

    void setPendingTotp(UUID id, byte[] sealed) {
        sql.update("update users set totp_pending_secret = ? where id = ?", s -> {
            s.setBytes(1, sealed);
            s.setObject(2, id);
        });
    }

    void enableTotp(UUID id, byte[] sealed, long step, Instant at) {
        sql.update(
                "update users set totp_secret = ?, totp_pending_secret = null, totp_enabled_at = ?,"
                        + " totp_last_step = ? where id = ?",
                s -> {
                    s.setBytes(1, sealed);
                    s.setTimestamp(2, Sql.timestamp(at));
                    s.setLong(3, step);
                    s.setObject(4, id);
                });
    }

    /**
     * Records a TOTP step as used, only if it is later than the last one used: false means the code
     * was already spent (a replay), even under concurrent sign-ins.
     */
    boolean useTotpStep(UUID id, long step) {
        return sql.update(
                        "update users set totp_last_step = ? where id = ?"
                                + " and (totp_last_step is null or totp_last_step < ?)",
                        s -> {
                            s.setLong(1, step);
                            s.setObject(2, id);
                            s.setLong(3, step);
                        })
                == 1;
    }

    /** E-mail addresses by id, removed accounts included (the audit log outlives them). */
    Map<UUID, String> emails(Collection<UUID> ids) {
        Map<UUID, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        sql.query(
                "select id, email from users where id = any (?)",
                s -> s.setArray(1, s.getConnection().createArrayOf("uuid", ids.toArray())),
                row -> out.put(Sql.uuid(row, "id"), row.getString("email")));
        return out;
    }

    private static UserEntity map(ResultSet row) throws SQLException {
        long lastStep = row.getLong("totp_last_step");
        Long totpLastStep = row.wasNull() ? null : lastStep;
        return new UserEntity(
                Sql.uuid(row, "id"),
                Sql.uuid(row, "tenant_id"),
                row.getString("email"),
                row.getString("role"),
                row.getString("password_hash"),
                new UserEntity.TotpState(
                        row.getBytes("totp_secret"),
                        row.getBytes("totp_pending_secret"),
                        Sql.instant(row, "totp_enabled_at"),
                        totpLastStep),
                new UserEntity.Lifecycle(
                        row.getString("created_by"), Sql.instant(row, "created_at"), Sql.instant(row, "removed_at")));
    }
}

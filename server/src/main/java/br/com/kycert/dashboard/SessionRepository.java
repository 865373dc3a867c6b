package br.com.kycert.dashboard;

import br.com.kycert.shared.jdbc.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Singleton
class SessionRepository {

    /** A stored session with the times the expiry rules need. */
    record StoredSession(
            UUID id, UUID userId, String csrfToken, Instant expiresAt, Instant lastSeenAt, Instant revokedAt) {}

    /** What is recorded at sign-in (e-mail and role as they were then, for the record). */
    record NewSession(
            UUID id, UUID userId, UUID tenantId, String email, String role, String csrfToken, Instant expiresAt) {}

    private final Sql sql;

    SessionRepository(Sql sql) {
        this.sql = sql;
    }

    void insert(NewSession session, byte[] digest, Instant now) {
        sql.update(
                "insert into dashboard_sessions (id, token_digest, user_id, tenant_id, email, role, csrf_token,"
                        + " created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setObject(1, session.id());
                    s.setBytes(2, digest);
                    s.setObject(3, session.userId());
                    s.setObject(4, session.tenantId(), Types.OTHER);
                    s.setString(5, session.email());
                    s.setString(6, session.role());
                    s.setString(7, session.csrfToken());
                    s.setTimestamp(8, Sql.timestamp(now));
                    s.setTimestamp(9, Sql.timestamp(now));
                    s.setTimestamp(10, Sql.timestamp(session.expiresAt()));
                });
    }

    Optional<StoredSession> findByDigest(byte[] digest) {
        return sql.queryOne(
                "select * from dashboard_sessions where token_digest = ?",
                s -> s.setBytes(1, digest),
                SessionRepository::map);
    }

    void touch(UUID id, Instant at) {
        sql.update("update dashboard_sessions set last_seen_at = ? where id = ? and last_seen_at < ?", s -> {
            s.setTimestamp(1, Sql.timestamp(at));
            s.setObject(2, id);
            s.setTimestamp(3, Sql.timestamp(at));
        });
    }

    int revoke(UUID id, String reason, Instant at) {
        return sql.update(
                "update dashboard_sessions set revoked_at = ?, revoked_reason = ? where id = ? and revoked_at is null",
                s -> {
                    s.setTimestamp(1, Sql.timestamp(at));
                    s.setString(2, reason);
                    s.setObject(3, id);
                });
    }

    int revokeAllOfUser(UUID userId, String reason, Instant at) {
        return sql.update(
                "update dashboard_sessions set revoked_at = ?, revoked_reason = ? where user_id = ? and revoked_at is null",
                s -> {
                    s.setTimestamp(1, Sql.timestamp(at));
                    s.setString(2, reason);
                    s.setObject(3, userId);
                });
    }

    private static StoredSession map(ResultSet row) throws SQLException {
        return new StoredSession(
                Sql.uuid(row, "id"),
                Sql.uuid(row, "user_id"),
                row.getString("csrf_token"),
                Sql.instant(row, "expires_at"),
                Sql.instant(row, "last_seen_at"),
                Sql.instant(row, "revoked_at"));
    }
}

package br.com.kycert.audit;

import br.com.kycert.shared.jdbc.Sql;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Types;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The audit log of administrative events (keys created and revoked, detail approvals). Written in
 * the caller's transaction, so an event is recorded exactly when its change commits. Never holds a
 * secret or a document.
 */
@Singleton
public class AuditLog {

    private final Sql sql;
    private final Clock clock;
    private final ObjectMapper json;

    AuditLog(Sql sql, Clock clock, ObjectMapper json) {
        this.sql = sql;
        this.clock = clock;
        this.json = json;
    }

    /** Records an administrative event. */
    public void record(String action, UUID tenantId, String actor, UUID keyId, String keyName, Map<String, ?> details) {
        String detailsJson;
        try {
            detailsJson = json.writeValueAsString(details);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sql.update(
                "insert into audit_log (at, tenant_id, actor, action, key_id, key_name, details)"
                        + " values (?, ?, ?, ?, ?, ?, ?::jsonb)",
                s -> {
                    s.setTimestamp(1, Sql.timestamp(clock.instant()));
                    s.setObject(2, tenantId);
                    s.setString(3, actor);
                    s.setString(4, action);
                    s.setObject(5, keyId, Types.OTHER);
                    s.setString(6, keyName);
                    s.setString(7, detailsJson);
                });
    }
}

package br.com.kycert.runs;

import br.com.kycert.shared.TenantScope;
import br.com.kycert.shared.jdbc.Sql;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Idempotency keys of {@code createRun}, per tenant and environment, with the first response. */
@Singleton
class IdempotencyRepository {

    record Stored(byte[] requestHash, String responseBody) {}

    private final Sql sql;

    IdempotencyRepository(Sql sql) {
        this.sql = sql;
    }

    Optional<Stored> find(TenantScope scope, String key) {
        return sql.queryOne(
                "select request_hash, response_body from idempotency_keys where tenant_id = ? and environment = ? and key = ?",
                s -> {
                    s.setObject(1, scope.tenantId());
                    s.setString(2, scope.environment().value());
                    s.setString(3, key);
                },
                row -> new Stored(row.getBytes("request_hash"), row.getString("response_body")));
    }

    /**
     * Claims the key for this response. False when another request holds it already; a concurrent
     * claim waits for the first transaction and then loses.
     */
    boolean insertIfAbsent(TenantScope scope, String key, byte[] hash, UUID runId, String responseBody, Instant at) {
        return sql.update(
                        "insert into idempotency_keys (tenant_id, environment, key, request_hash, run_id, response_body,"
                                + " created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                        s -> {
                            s.setObject(1, scope.tenantId());
                            s.setString(2, scope.environment().value());
                            s.setString(3, key);
                            s.setBytes(4, hash);
                            s.setObject(5, runId);
                            s.setString(6, responseBody);
                            s.setTimestamp(7, Sql.timestamp(at));
                        })
                == 1;
    }
}

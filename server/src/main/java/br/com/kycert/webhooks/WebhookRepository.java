package br.com.kycert.webhooks;

import br.com.kycert.shared.Environment;
import br.com.kycert.shared.TenantScope;
import br.com.kycert.shared.jdbc.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class WebhookRepository {

    /** What the dispatcher needs to send one delivery: where, signed with which secrets, what. */
    record Due(UUID deliveryId, int attempts, Target target, Secrets secrets, Event event) {}

    record Target(UUID endpointId, String url, WebhookEndpointEntity.Status status) {}

    /** The endpoint's secret, and the previous one while it still signs. */
    record Secrets(String current, String previous, Instant previousExpiresAt) {}

    /** The event as stored (latest shape) and the API version its endpoint was pinned to. */
    record Event(UUID id, String type, String payload, String apiVersion) {}

    /** The outbox row of a finished run's event. */
    record NewEvent(UUID id, TenantScope scope, String type, UUID runId, String payload, Instant at) {}

    /** A pending delivery of an event to an endpoint. */
    record NewDelivery(UUID id, UUID eventId, UUID endpointId, Instant at) {}

    private final Sql sql;

    WebhookRepository(Sql sql) {
        this.sql = sql;
    }

    void insertEndpoint(
            UUID id, UUID tenantId, Environment env, String url, String secret, String apiVersion, Instant at) {
        sql.update(
                "insert into webhook_endpoints (id, tenant_id, environment, url, secret, created_at, updated_at,"
                        + " api_version) values (?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setObject(1, id);
                    s.setObject(2, tenantId);
                    s.setString(3, env.value());
                    s.setString(4, url);
                    s.setString(5, secret);
                    s.setTimestamp(6, Sql.timestamp(at));
                    s.setTimestamp(7, Sql.timestamp(at));
                    s.setString(8, apiVersion);
                });
    }

    Optional<WebhookEndpointEntity> endpoint(UUID id) {
        return sql.queryOne(
                "select * from webhook_endpoints where id = ? and status <> 'removed'",
                s -> s.setObject(1, id),
                WebhookRepository::mapEndpoint);
    }

    List<WebhookEndpointEntity> endpoints(UUID tenantId) {
        return sql.query(
                "select * from webhook_endpoints where tenant_id = ? and status <> 'removed'"
                        + " order by created_at desc, id desc",
                s -> s.setObject(1, tenantId),
                WebhookRepository::mapEndpoint);
    }

    boolean remove(UUID id, Instant at) {
        boolean removed = sql.update(
                        "update webhook_endpoints set status = 'removed', updated_at = ? where id = ? and status <> 'removed'",
                        s -> {
                            s.setTimestamp(1, Sql.timestamp(at));
                            s.setObject(2, id);
                        })
                == 1;
        sql.update(
                "update webhook_deliveries set status = 'cancelled', last_error = 'endpoint removed'"
                        + " where endpoint_id = ? and status = 'pending'",
                s -> s.setObject(1, id));
        return removed;
    }

    void rotate(UUID id, String secret, Instant previousExpiresAt, Instant at) {
        sql.update(
                "update webhook_endpoints set previous_secret = secret, previous_secret_expires_at = ?, secret = ?,"
                        + " updated_at = ? where id = ?",
                s -> {
                    s.setTimestamp(1, Sql.timestamp(previousExpiresAt));
                    s.setString(2, secret);
                    s.setTimestamp(3, Sql.timestamp(at));
                    s.setObject(4, id);
                });
    }

    void enable(UUID id, Instant at) {
        sql.update(
                "update webhook_endpoints set status = 'enabled', disabled_reason = null, consecutive_failures = 0,"
                        + " failing_since = null, updated_at = ? where id = ? and status = 'disabled'",
                s -> {
                    s.setTimestamp(1, Sql.timestamp(at));
                    s.setObject(2, id);
                });
    }

    /** The outbox rows of events, in the caller's transaction, in one batch. */
    void insertEvents(List<NewEvent> events) {
        sql.batch(
                "insert into webhook_events (id, tenant_id, environment, type, run_id, payload, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                events,
                (s, e) -> {
                    s.setObject(1, e.id());
                    s.setObject(2, e.scope().tenantId());
                    s.setString(3, e.scope().environment().value());
                    s.setString(4, e.type());
                    s.setObject(5, e.runId());
                    s.setString(6, e.payload());
                    s.setTimestamp(7, Sql.timestamp(e.at()));
                });
    }

    /** Pending deliveries, in the caller's transaction, in one batch. */
    void insertDeliveries(List<NewDelivery> deliveries) {
        sql.batch(
                "insert into webhook_deliveries (id, event_id, endpoint_id, status, next_attempt_at, created_at)"
                        + " values (?, ?, ?, 'pending', ?, ?)",
                deliveries,
                (s, d) -> {
                    s.setObject(1, d.id());
                    s.setObject(2, d.eventId());
                    s.setObject(3, d.endpointId());
                    s.setTimestamp(4, Sql.timestamp(d.at()));
                    s.setTimestamp(5, Sql.timestamp(d.at()));
                });
    }

    List<UUID> enabledEndpointIds(UUID tenantId, Environment env) {
        return sql.query(
                "select id from webhook_endpoints where tenant_id = ? and environment = ? and status = 'enabled'",
                s -> {
                    s.setObject(1, tenantId);
                    s.setString(2, env.value());
                },
                row -> Sql.uuid(row, "id"));
    }

    void insertDelivery(UUID id, UUID eventId, UUID endpointId, Instant at) {
        sql.update(
                "insert into webhook_deliveries (id, event_id, endpoint_id, status, next_attempt_at, created_at)"
                        + " values (?, ?, ?, 'pending', ?, ?)",
                s -> {
                    s.setObject(1, id);
                    s.setObject(2, eventId);
                    s.setObject(3, endpointId);
                    s.setTimestamp(4, Sql.timestamp(at));
                    s.setTimestamp(5, Sql.timestamp(at));
                });
    }

    /** Claims due deliveries under a lease, with SKIP LOCKED so nodes never send the same attempt twice. */
    List<Due> claimDue(String owner, long leaseMillis, int limit) {
        return sql.query(
                "with due as (select id from webhook_deliveries where status = 'pending' and next_attempt_at <= now()"
                        + " and (lease_expires_at is null or lease_expires_at < now())"
                        + " order by next_attempt_at limit ? for update skip locked),"
                        + " claimed as (update webhook_deliveries d set lease_owner = ?,"
                        + " lease_expires_at = now() + (? * interval '1 millisecond') from due where d.id = due.id returning d.*)"
                        + " select c.id, c.endpoint_id, c.attempts, e.url, e.status as endpoint_status, e.secret, e.previous_secret,"
                        + " e.previous_secret_expires_at, ev.type, ev.id as event_id, ev.payload, e.api_version"
                        + " from claimed c join webhook_endpoints e on e.id = c.endpoint_id join webhook_events ev on ev.id = c.event_id",
                s -> {
                    s.setInt(1, limit);
                    s.setString(2, owner);
                    s.setLong(3, leaseMillis);
                },
                row -> new Due(
                        Sql.uuid(row, "id"),
                        row.getInt("attempts"),
                        new Target(
                                Sql.uuid(row, "endpoint_id"),
                                row.getString("url"),
                                WebhookEndpointEntity.Status.of(row.getString("endpoint_status"))),
                        new Secrets(
                                row.getString("secret"),
                                row.getString("previous_secret"),
                                Sql.instant(row, "previous_secret_expires_at")),
                        new Event(
                                Sql.uuid(row, "event_id"),
                                row.getString("type"),
                                row.getString("payload"),
                                row.getString("api_version"))));
    }

    void succeeded(UUID delivery, UUID endpoint, String owner, int status, Instant at) {
        sql.update(
                "update webhook_deliveries set status = 'succeeded', attempts = attempts + 1, last_attempt_at = ?,"
                        + " last_status = ?, last_error = null, delivered_at = ?, lease_owner = null, lease_expires_at = null"
                        + " where id = ? and lease_owner = ?",
                s -> {
                    s.setTimestamp(1, Sql.timestamp(at));
                    s.setInt(2, status);
                    s.setTimestamp(3, Sql.timestamp(at));
                    s.setObject(4, delivery);
                    s.setString(5, owner);
                });
        sql.update(
                "update webhook_endpoints set consecutive_failures = 0, failing_since = null where id = ?",
                s -> s.setObject(1, endpoint));
    }

    /** Records a failed attempt: scheduled again, or given up. */
    void failed(UUID delivery, String owner, Integer status, String error, Instant at, Instant next, boolean giveUp) {
        sql.update(
                "update webhook_deliveries set status = ?, attempts = attempts + 1, last_attempt_at = ?, last_status = ?,"
                        + " last_error = ?, next_attempt_at = ?, lease_owner = null, lease_expires_at = null"
                        + " where id = ? and lease_owner = ?",
                s -> {
                    s.setString(
                            1,
                            (giveUp ? WebhookDeliveryEntity.Status.FAILED : WebhookDeliveryEntity.Status.PENDING)
                                    .value());
                    s.setTimestamp(2, Sql.timestamp(at));
                    s.setObject(3, status);
                    s.setString(4, error);
                    s.setTimestamp(5, Sql.timestamp(next));
                    s.setObject(6, delivery);
                    s.setString(7, owner);
                });
    }

    int endpointFailed(UUID endpoint, Instant at) {
        return sql.queryOne(
                        "update webhook_endpoints set consecutive_failures = consecutive_failures + 1,"
                                + " failing_since = coalesce(failing_since, ?) where id = ? returning consecutive_failures",
                        s -> {
                            s.setTimestamp(1, Sql.timestamp(at));
                            s.setObject(2, endpoint);
                        },
                        row -> row.getInt(1))
                .orElse(0);
    }

    void disable(UUID endpoint, String reason, Instant at) {
        sql.update(
                "update webhook_endpoints set status = 'disabled', disabled_reason = ?, updated_at = ?"
                        + " where id = ? and status = 'enabled'",
                s -> {
                    s.setString(1, reason);
                    s.setTimestamp(2, Sql.timestamp(at));
                    s.setObject(3, endpoint);
                });
    }

    void cancel(UUID delivery, String owner, String reason) {
        sql.update(
                "update webhook_deliveries set status = 'cancelled', last_error = ?, lease_owner = null,"
                        + " lease_expires_at = null where id = ? and lease_owner = ?",
                s -> {
                    s.setString(1, reason);
                    s.setObject(2, delivery);
                    s.setString(3, owner);
                });
    }

    List<WebhookDeliveryEntity> deliveries(UUID endpoint, int limit) {
        return sql.query(
                "select d.*, ev.type from webhook_deliveries d join webhook_events ev on ev.id = d.event_id"
                        + " where d.endpoint_id = ? order by d.created_at desc, d.id desc limit ?",
                s -> {
                    s.setObject(1, endpoint);
                    s.setInt(2, limit);
                },
                WebhookRepository::mapDelivery);
    }

    Optional<WebhookDeliveryEntity> delivery(UUID id) {
        return sql.queryOne(
                "select d.*, ev.type from webhook_deliveries d join webhook_events ev on ev.id = d.event_id"
                        + " where d.id = ?",
                s -> s.setObject(1, id),
                WebhookRepository::mapDelivery);
    }

    private static WebhookEndpointEntity mapEndpoint(ResultSet row) throws SQLException {
        Instant previousExpires = Sql.instant(row, "previous_secret_expires_at");
        return new WebhookEndpointEntity(
                Sql.uuid(row, "id"),
                new TenantScope(Sql.uuid(row, "tenant_id"), Environment.of(row.getString("environment"))),
                row.getString("url"),
                WebhookEndpointEntity.Status.of(row.getString("status")),
                new WebhookEndpointEntity.Health(
                        row.getString("disabled_reason"),
                        row.getInt("consecutive_failures"),
                        Sql.instant(row, "failing_since")),
                row.getString("previous_secret") != null
                        && previousExpires != null
                        && previousExpires.isAfter(Instant.now()),
                Sql.instant(row, "created_at"),
                row.getString("api_version"));
    }

    private static WebhookDeliveryEntity mapDelivery(ResultSet row) throws SQLException {
        return new WebhookDeliveryEntity(
                Sql.uuid(row, "id"),
                new WebhookDeliveryEntity.Event(Sql.uuid(row, "event_id"), row.getString("type")),
                Sql.uuid(row, "endpoint_id"),
                WebhookDeliveryEntity.Status.of(row.getString("status")),
                row.getInt("attempts"),
                new WebhookDeliveryEntity.LastAttempt(
                        Sql.instant(row, "last_attempt_at"),
                        (Integer) row.getObject("last_status"),
                        row.getString("last_error")),
                new WebhookDeliveryEntity.Schedule(
                        Sql.instant(row, "created_at"),
                        Sql.instant(row, "next_attempt_at"),
                        Sql.instant(row, "delivered_at")));
    }
}

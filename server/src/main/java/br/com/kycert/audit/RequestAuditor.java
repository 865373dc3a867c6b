package br.com.kycert.audit;

import br.com.kycert.shared.jdbc.Sql;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of authenticated requests (key id and name, method, route template, status,
 * request id, time; action {@code api.request}), and of requests refused with 401 for a well-formed
 * key (action {@code api.request.refused}, the reason in {@code details.refusal}: {@code unknown},
 * {@code revoked}...; refusals naming no key are only counted, by the refusal metric). Requests only enqueue; a background flush writes batches, so auditing adds no
 * database round trip to a request. Never a secret, a document or a query string.
 */
@Singleton
@Requires(notEnv = "cli")
public class RequestAuditor {

    /**
     * One request.
     *
     * @param caller the key presented, or {@link Caller#UNKNOWN} when no known key was
     * @param refusal why the key was refused, or null when it was accepted
     */
    public record Entry(Instant at, Caller caller, Exchange exchange, String refusal) {
        public Entry {
            if (refusal != null && !refusal.matches("[a-z_]{1,40}")) {
                throw new IllegalArgumentException("a refusal reason is a lower-case word: " + refusal);
            }
        }

        /** A request made with an accepted key. */
        public static Entry accepted(Instant at, Caller caller, Exchange exchange) {
            return new Entry(at, caller, exchange, null);
        }

        /** A request refused with 401 for its key, for {@code reason} (a lower-case word). */
        public static Entry refused(Instant at, Caller caller, Exchange exchange, String reason) {
            return new Entry(at, caller, exchange, reason);
        }
    }

    /** Whose key made a request: the key's tenant, id and name; all null when no known key was presented. */
    public record Caller(UUID tenantId, UUID keyId, String keyName) {

        /** No known key. */
        public static final Caller UNKNOWN = new Caller(null, null, null);
    }

    /**
     * The request and its answer, without query string, body or secret.
     *
     * @param route the matched URI template, not the request path
     */
    public record Exchange(String method, String route, int status, String requestId) {}

    /** The action of a request made with an accepted key. */
    public static final String ACCEPTED = "api.request";
    /** The action of a request refused with 401 for its key; {@code details.refusal} says why. */
    public static final String REFUSED = "api.request.refused";

    private static final Logger LOG = LoggerFactory.getLogger(RequestAuditor.class);
    private final ConcurrentLinkedQueue<Entry> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Sql sql;
    private final TransactionOperations<Connection> tx;
    private final int maxPending;
    private final int batchSize;

    RequestAuditor(Sql sql, TransactionOperations<Connection> tx, AuditConfiguration config) {
        this.sql = sql;
        this.tx = tx;
        this.maxPending = config.maxPending();
        this.batchSize = config.batchSize();
    }

    public void enqueue(Entry entry) {
        if (size.incrementAndGet() > maxPending) {
            size.decrementAndGet();
            LOG.error(
                    "Audit queue full; dropping the audit entry of request {}",
                    entry.exchange().requestId());
            return;
        }
        pending.add(entry);
    }

    @PreDestroy
    void close() {
        flush();
    }

    @Scheduled(fixedDelay = "${kycert.audit.flush-interval}")
    public void flush() {
        List<Entry> batch = new ArrayList<>(batchSize);
        Entry e;
        while ((e = pending.poll()) != null) {
            size.decrementAndGet();
            batch.add(e);
            if (batch.size() == batchSize) {
                write(batch);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<Entry> batch) {
        try {
            tx.executeWrite(status -> {
                insert(batch);
                return null;
            });
        } catch (RuntimeException ex) {
            LOG.warn("Could not write {} audit entries; will retry", batch.size(), ex);
            batch.forEach(this::enqueue);
        }
    }

    private void insert(List<Entry> batch) {
        StringBuilder sqlText = new StringBuilder(
                "insert into audit_log (at, tenant_id, actor, action, key_id, key_name, method, route, status, request_id,"
                        + " details) values ");
        for (int i = 0; i < batch.size(); i++) {
            sqlText.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)");
        }
        sql.update(sqlText.toString(), s -> {
            int p = 1;
            for (Entry entry : batch) {
                s.setTimestamp(p++, Sql.timestamp(entry.at()));
                s.setObject(p++, entry.caller().tenantId(), Types.OTHER);
                s.setString(
                        p++,
                        entry.caller().keyId() == null
                                ? "anonymous"
                                : "api_key:" + entry.caller().keyId());
                s.setString(p++, entry.refusal() == null ? ACCEPTED : REFUSED);
                s.setObject(p++, entry.caller().keyId(), Types.OTHER);
                s.setString(p++, entry.caller().keyName());
                s.setString(p++, entry.exchange().method());
                s.setString(p++, entry.exchange().route());
                s.setInt(p++, entry.exchange().status());
                s.setString(p++, entry.exchange().requestId());
                // The reason is a lower-case word (checked by Entry): no quoting needed.
                s.setString(p++, entry.refusal() == null ? "{}" : "{\"refusal\": \"" + entry.refusal() + "\"}");
            }
        });
    }
}

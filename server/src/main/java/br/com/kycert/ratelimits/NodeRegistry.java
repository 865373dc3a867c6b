package br.com.kycert.ratelimits;

import br.com.kycert.shared.jdbc.Sql;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each API node says it is alive in {@code api_nodes} every heartbeat and counts the nodes that did so within the
 * node TTL. Every node admits {@code 1/N} of each limit, so N nodes together admit the limit without sharing a
 * counter per request. The count uses the database clock, so node clocks need not agree.
 */
@Singleton
@Requires(notEnv = "cli")
final class NodeRegistry implements NodeCount {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);

    private final Sql sql;
    private final RateLimitConfiguration configuration;
    private final RateLimitService policies;
    private final TransactionOperations<Connection> tx;
    private final UUID id = UUID.randomUUID();
    private final AtomicInteger live = new AtomicInteger(1);

    NodeRegistry(
            Sql sql,
            RateLimitConfiguration configuration,
            RateLimitService policies,
            TransactionOperations<Connection> tx) {
        this.sql = sql;
        this.tx = tx;
        this.configuration = configuration;
        this.policies = policies;
    }

    @Override
    public int liveNodes() {
        return live.get();
    }

    @Scheduled(fixedDelay = "${kycert.rate-limits.heartbeat-interval:2s}", initialDelay = "0s")
    void heartbeat() {
        try {
            tx.executeWrite(status -> {
                beat();
                return null;
            });
        } catch (RuntimeException e) {
            // Keep the last known count and policies: the limiter must not fail requests because of a heartbeat.
            LOG.warn("rate-limit heartbeat failed: {}", e.toString());
        }
    }

    private void beat() {
        sql.update(
                "insert into api_nodes (id, started_at, last_seen_at) values (?, now(), now())"
                        + " on conflict (id) do update set last_seen_at = now()",
                s -> s.setObject(1, id));
        long ttlMillis = configuration.nodeTtl().toMillis();
        int count = sql.queryOne(
                        "select count(*) as n from api_nodes"
                                + " where last_seen_at > now() - (? * interval '1 millisecond')",
                        s -> s.setLong(1, ttlMillis),
                        row -> row.getInt("n"))
                .orElse(1);
        live.set(Math.max(1, count));
        sql.update("delete from api_nodes where last_seen_at < now() - interval '1 hour'", s -> {});
        policies.reload();
    }

    @PreDestroy
    void leave() {
        try {
            tx.executeWrite(status -> sql.update("delete from api_nodes where id = ?", s -> s.setObject(1, id)));
        } catch (RuntimeException e) {
            LOG.debug("could not remove this node from api_nodes: {}", e.toString());
        }
    }
}

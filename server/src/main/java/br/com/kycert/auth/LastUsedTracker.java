package br.com.kycert.auth;

import br.com.kycert.keys.ApiKeyService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each key's last-used time in memory and writes them in one statement per flush, so a
 * request never costs a database write for it.
 */
@Singleton
@Requires(notEnv = "cli")
class LastUsedTracker {

    private static final Logger LOG = LoggerFactory.getLogger(LastUsedTracker.class);

    private final ConcurrentHashMap<UUID, Instant> pending = new ConcurrentHashMap<>();
    private final ApiKeyService keys;
    private final Clock clock;

    LastUsedTracker(ApiKeyService keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    void touch(UUID keyId) {
        pending.put(keyId, clock.instant());
    }

    @PreDestroy
    void close() {
        flush();
    }

    @Scheduled(fixedDelay = "${kycert.audit.flush-interval}")
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<UUID, Instant> batch = new java.util.HashMap<>();
        for (UUID id : pending.keySet()) {
            Instant at = pending.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        try {
            keys.touchLastUsed(batch);
        } catch (RuntimeException e) {
            LOG.warn("Could not record last-used times for {} keys; will retry", batch.size(), e);
            batch.forEach((id, at) -> pending.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
        }
    }
}

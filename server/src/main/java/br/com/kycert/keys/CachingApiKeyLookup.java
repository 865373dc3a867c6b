package br.com.kycert.keys;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * {@link ApiKeyLookup} from memory: each node keeps the keys it has seen (with their tenant's detail
 * approval, and the digests no key has), and drops an entry when {@link KeyChangeListener} hears from
 * PostgreSQL that the key or its tenant changed (triggers of migration V30 notify on every write, from
 * any process). Only trusted while the listener is connected: from the moment its connection is lost
 * until it has listened again and flushed everything, every lookup goes to the database.
 *
 * <p>Nothing time-dependent is decided here: a cached key carries its {@code expires_at}, and
 * {@link ApiKeyVerifier} compares it with the clock on every request.
 *
 * <p>A lookup that loads from the database while an invalidation happens keeps its answer for that
 * request only: every invalidation advances a generation, and a load started under an older one is not
 * kept, so a stale row read just before a commit never outlives the notification of that commit.
 */
@Singleton
@Replaces(DatabaseApiKeyLookup.class)
@Requires(notEnv = "cli")
@Requires(property = KeyCacheConfiguration.PREFIX + ".enabled", notEquals = "false")
class CachingApiKeyLookup implements ApiKeyLookup {

    /** A digest as a map key (arrays compare by identity). */
    private record Digest(byte[] bytes, int hash) {
        static Digest of(byte[] bytes) {
            return new Digest(bytes, Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Digest d && hash == d.hash && Arrays.equals(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final Remembered NO_SUCH_KEY = new Remembered(null);

    private final ApiKeyRepository keys;
    private final TransactionOperations<Connection> tx;
    private final int maxKeys;
    private final int maxUnknown;
    private final ConcurrentHashMap<Digest, ApiKey> known = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Digest, Boolean> unknown = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean trusted;

    CachingApiKeyLookup(
            ApiKeyRepository keys, TransactionOperations<Connection> tx, KeyCacheConfiguration configuration) {
        this.keys = keys;
        this.tx = tx;
        this.maxKeys = configuration.maxKeys();
        this.maxUnknown = configuration.maxUnknown();
    }

    @Override
    public Optional<ApiKey> findByDigest(byte[] digest) {
        if (!trusted) {
            return load(digest);
        }
        Digest d = Digest.of(digest);
        ApiKey cached = known.get(d);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (unknown.containsKey(d)) {
            return Optional.empty();
        }
        long before = generation.get();
        Optional<ApiKey> loaded = load(digest);
        if (loaded.isPresent()) {
            keep(known, d, loaded.get(), maxKeys, before);
        } else {
            keep(unknown, d, Boolean.TRUE, maxUnknown, before);
        }
        return loaded;
    }

    @Override
    public Optional<Remembered> findInMemory(byte[] digest) {
        if (!trusted) {
            return Optional.empty();
        }
        Digest d = Digest.of(digest);
        ApiKey cached = known.get(d);
        if (cached != null) {
            return Optional.of(new Remembered(cached));
        }
        return unknown.containsKey(d) ? Optional.of(NO_SUCH_KEY) : Optional.empty();
    }

    /** Whether lookups are answered from memory now (the listener is connected and has flushed). */
    boolean trusted() {
        return trusted;
    }

    /** How many keys are held. */
    int size() {
        return known.size();
    }

    /** The listener is connected and listening: start afresh from an empty cache. */
    void flushAndTrust() {
        generation.incrementAndGet();
        known.clear();
        unknown.clear();
        trusted = true;
    }

    /** The listener lost its connection: notifications may be missed, so nothing held can be believed. */
    void distrust() {
        trusted = false;
        generation.incrementAndGet();
        known.clear();
        unknown.clear();
    }

    /** A key was created, changed or deleted: drop it, and every "no such key" (it may be that one). */
    void keyChanged(UUID keyId) {
        invalidate(k -> k.id().equals(keyId));
        unknown.clear();
    }

    /** A tenant's detail approval changed (or it was deleted): drop its keys. */
    void tenantChanged(UUID tenantId) {
        invalidate(k -> k.tenantId().equals(tenantId));
    }

    private void invalidate(Predicate<ApiKey> which) {
        // Advance first, then remove: a concurrent load either sees the new generation and discards
        // its answer, or had already stored it and is removed here.
        generation.incrementAndGet();
        known.values().removeIf(which);
    }

    private <V> void keep(ConcurrentHashMap<Digest, V> map, Digest d, V value, int max, long before) {
        if (map.size() >= max) {
            return;
        }
        map.put(d, value);
        if (generation.get() != before || !trusted) {
            map.remove(d, value);
        }
    }

    private Optional<ApiKey> load(byte[] digest) {
        return tx.executeRead(status -> keys.findByDigest(digest));
    }
}

package br.com.kycert.keys;

import java.util.Optional;

/**
 * Finds a stored key by the digest of its secret, whatever its status. The one seam between
 * verifying a key and storing keys: the database implementation answers from PostgreSQL on every
 * call; a caching implementation can replace it (with {@code @Replaces(DatabaseApiKeyLookup.class)})
 * as long as it is invalidated when a key or its tenant's detail approval changes.
 */
public interface ApiKeyLookup {

    /** What memory alone says about a digest: the key, or that no key has it ({@code key} null). */
    record Remembered(ApiKey key) {
        public Optional<ApiKey> found() {
            return Optional.ofNullable(key);
        }
    }

    /** The stored key with this digest, from wherever this lookup keeps keys; may block on I/O. */
    Optional<ApiKey> findByDigest(byte[] digest);

    /**
     * The answer if it is known without any I/O (so it may be asked on an event loop); empty when only
     * {@link #findByDigest} can tell. The database lookup never knows anything in memory.
     */
    default Optional<Remembered> findInMemory(byte[] digest) {
        return Optional.empty();
    }
}

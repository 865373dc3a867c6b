package br.com.kycert.keys;

import java.util.Optional;

/**
 * Finds a stored key by the digest of its secret, whatever its status. The one seam between
 * verifying a key and storing keys: the database implementation answers from PostgreSQL on every
 * call; a caching implementation can replace it (with {@code @Replaces(DatabaseApiKeyLookup.class)})
 * as long as it is invalidated when a key or its tenant's detail approval changes.
 */
public interface ApiKeyLookup {

    Optional<ApiKey> findByDigest(byte[] digest);
}

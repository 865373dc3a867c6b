package br.com.kycert.keys;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** {@link ApiKeyLookup} by one indexed query per call, so a revocation counts on the next request, on every node. */
@Singleton
class DatabaseApiKeyLookup implements ApiKeyLookup {

    private final ApiKeyRepository keys;

    DatabaseApiKeyLookup(ApiKeyRepository keys) {
        this.keys = keys;
    }

    @Override
    @Transactional
    public Optional<ApiKey> findByDigest(byte[] digest) {
        return keys.findByDigest(digest);
    }
}

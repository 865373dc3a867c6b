package br.com.kycert.keys;

import br.com.kycert.tenants.TenantService;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Read-your-writes on the node that made a change: when this process revokes, rolls or creates a key,
 * or changes a tenant's detail approval, its own cache drops the entry as soon as the transaction
 * commits, without waiting for the notification (which still reaches every node, this one included).
 * Nothing to do where no cache runs (the CLI).
 */
@Singleton
class LocalKeyInvalidation implements ApplicationEventListener<TenantService.DetailAccessChanged> {

    private final Optional<CachingApiKeyLookup> cache;
    private final TransactionOperations<Connection> tx;

    LocalKeyInvalidation(Optional<CachingApiKeyLookup> cache, TransactionOperations<Connection> tx) {
        this.cache = cache;
        this.tx = tx;
    }

    void keyChanged(UUID keyId) {
        afterCommit(c -> c.keyChanged(keyId));
    }

    @Override
    public void onApplicationEvent(TenantService.DetailAccessChanged event) {
        afterCommit(c -> c.tenantChanged(event.tenantId()));
    }

    private void afterCommit(Consumer<CachingApiKeyLookup> invalidation) {
        if (cache.isEmpty()) {
            return;
        }
        CachingApiKeyLookup c = cache.get();
        var status = tx.findTransactionStatus();
        if (status.isEmpty()) {
            invalidation.accept(c);
            return;
        }
        status.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                invalidation.accept(c);
            }
        });
    }
}

package br.com.kycert.runs;

import br.com.kycert.shared.BoundedCache;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * The runs this node last read that are finished (completed or failed). A finished run never changes again (the
 * worker writes a run once, from running, and nothing updates or deletes it after that), so a copy read from
 * PostgreSQL stays exact on every node without invalidation. Bounded: past {@code kycert.runs.cache.max-runs} the
 * oldest entry goes first. Lock-free, so the event loop may read it. Holds runs only as read from the database,
 * never as the worker built them in memory (the database rounds times to microseconds).
 */
@Singleton
final class FinishedRunCache {

    private final BoundedCache<UUID, RunEntity> runs;

    FinishedRunCache(RunCacheConfiguration config) {
        this.runs = new BoundedCache<>(config.maxRuns());
    }

    /** The finished run with this id, if this node holds it. */
    Optional<RunEntity> get(UUID id) {
        return runs.get(id);
    }

    /** Keeps a run read from the database, if it is finished. */
    void keep(RunEntity run) {
        if (run.status().finished()) {
            runs.keep(run.id(), run);
        }
    }

    int size() {
        return runs.size();
    }
}

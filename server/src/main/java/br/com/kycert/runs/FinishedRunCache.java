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

    /** A finished run, and its JSON once a list page has written it (see {@link RunListBodyWriter}). */
    private static final class Held {
        final RunEntity run;
        volatile byte[] json;

        Held(RunEntity run) {
            this.run = run;
        }
    }

    private final BoundedCache<UUID, Held> runs;

    FinishedRunCache(RunCacheConfiguration config) {
        this.runs = new BoundedCache<>(config.maxRuns());
    }

    /** The finished run with this id, if this node holds it. */
    Optional<RunEntity> get(UUID id) {
        return runs.get(id).map(held -> held.run);
    }

    /** Keeps a run read from the database, if it is finished. */
    void keep(RunEntity run) {
        if (run.status().finished()) {
            runs.keep(run.id(), new Held(run));
        }
    }

    /** The JSON a list page wrote for this run, if this node holds the run and has written it. */
    Optional<byte[]> json(UUID id) {
        return runs.get(id).map(held -> held.json);
    }

    /** Keeps the JSON written for a run this node holds; for any other run, nothing. */
    void keepJson(UUID id, byte[] json) {
        runs.get(id).ifPresent(held -> held.json = json);
    }

    int size() {
        return runs.size();
    }
}

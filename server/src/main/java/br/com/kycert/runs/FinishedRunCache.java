package br.com.kycert.runs;

import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The runs this node last read that are finished (completed or failed). A finished run never changes again (the
 * worker writes a run once, from running, and nothing updates or deletes it after that), so a copy read from
 * PostgreSQL stays exact on every node without invalidation. Bounded: past {@code kycert.runs.cache.max-runs} the
 * oldest entry goes first. Lock-free, so the event loop may read it. Holds runs only as read from the database,
 * never as the worker built them in memory (the database rounds times to microseconds).
 */
@Singleton
final class FinishedRunCache {

    private final int max;
    private final ConcurrentHashMap<UUID, RunEntity> runs = new ConcurrentHashMap<>();
    private final Queue<UUID> order = new ConcurrentLinkedQueue<>();

    FinishedRunCache(RunCacheConfiguration config) {
        this.max = config.maxRuns();
    }

    /** The finished run with this id, if this node holds it. */
    Optional<RunEntity> get(UUID id) {
        return max == 0 ? Optional.empty() : Optional.ofNullable(runs.get(id));
    }

    /** Keeps a run read from the database, if it is finished. */
    void keep(RunEntity run) {
        if (max == 0 || !run.status().finished()) {
            return;
        }
        if (runs.putIfAbsent(run.id(), run) == null) {
            order.add(run.id());
            while (runs.size() > max) {
                UUID oldest = order.poll();
                if (oldest == null) {
                    break;
                }
                runs.remove(oldest);
            }
        }
    }

    int size() {
        return runs.size();
    }
}

package br.com.kycert.runs;

import java.util.List;

/**
 * Told of every run a worker finishes, inside the transaction that writes its result: what a
 * listener writes exists exactly when the result does (webhooks write their outbox row this way).
 * Runs know no listener by name, so features that react to runs depend on runs, never the reverse.
 */
@FunctionalInterface
public interface RunFinishedListener {

    /** {@code run} is completed or failed; throwing rolls the result back and the run is processed again. */
    void runFinished(RunEntity run);

    /**
     * Told of runs a worker finished together, in the one transaction that writes their results.
     * A listener that writes rows overrides it to write them in batches.
     */
    default void runsFinished(List<RunEntity> runs) {
        runs.forEach(this::runFinished);
    }
}

package br.com.kycert.runs;

/**
 * Told of every run a worker finishes, inside the transaction that writes its result: what a
 * listener writes exists exactly when the result does (webhooks write their outbox row this way).
 * Runs know no listener by name, so features that react to runs depend on runs, never the reverse.
 */
@FunctionalInterface
public interface RunFinishedListener {

    /** {@code run} is completed or failed; throwing rolls the result back and the run is processed again. */
    void runFinished(RunEntity run);
}

package br.com.kycert.client.exception;

/**
 * 409 {@code run_failed} from {@code getRunAnalysis}: the run failed (no source could be queried), so it has no
 * analysis and never will. Unlike {@code run_not_completed}, this is final: retrying or polling cannot change it.
 * Create a new run if you still need a decision on the subject; nothing was charged for the failed one.
 */
public class RunFailedException extends ConflictException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from a parsed problem.
     *
     * @param problem the parsed problem
     */
    public RunFailedException(ProblemDetails problem) {
        super(problem);
    }

    /**
     * Always true: a failed run never gets an analysis, so this answer does not change with time.
     *
     * @return {@code true}
     */
    public boolean isFinal() {
        return true;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + " (final: the run failed and will never have an analysis; do not retry)";
    }
}

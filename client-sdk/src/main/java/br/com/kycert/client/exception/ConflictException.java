package br.com.kycert.client.exception;

/**
 * 409 with any code other than {@code idempotency_key_reused}: the resource is not in a state that allows the
 * operation. Today that is {@code run_not_completed} from {@code getRunAnalysis}: the run has no analysis until it
 * completes, so try again later (check {@link #getCode()}); and, as the subclass {@link RunFailedException},
 * {@code run_failed}, which is final. Future 409 codes also land here, so code that catches this exception keeps
 * working when the API adds them.
 */
public class ConflictException extends KycertException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from a parsed problem.
     *
     * @param problem the parsed problem
     */
    public ConflictException(ProblemDetails problem) {
        super(problem);
    }
}

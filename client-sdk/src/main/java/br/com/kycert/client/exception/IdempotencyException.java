package br.com.kycert.client.exception;

/**
 * 409 {@code idempotency_key_reused}: the {@code Idempotency-Key} was already used with a different request
 * body. Send the new request with a new key.
 */
public class IdempotencyException extends KycertException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from a parsed problem.
     *
     * @param problem the parsed problem
     */
    public IdempotencyException(ProblemDetails problem) {
        super(problem);
    }
}

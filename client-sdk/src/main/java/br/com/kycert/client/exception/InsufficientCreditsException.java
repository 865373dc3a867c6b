package br.com.kycert.client.exception;

/**
 * 402 {@code insufficient_credits}: a live run reserves its full cost at creation and your tenant's balance is too
 * low. Not retryable as is: add credits first. Sandbox runs never raise it.
 */
public class InsufficientCreditsException extends KycertException {

    private static final long serialVersionUID = 1L;

    /** The credits the run needed, or {@code null} if the response did not say. */
    private final Long required;
    /** The tenant's balance, or {@code null} if the response did not say. */
    private final Long remaining;

    /**
     * Creates the exception.
     *
     * @param problem the parsed problem
     * @param required the credits the run needs, or {@code null} if the server did not say
     * @param remaining the credits the tenant has left, or {@code null} if the server did not say
     */
    public InsufficientCreditsException(ProblemDetails problem, Long required, Long remaining) {
        super(problem);
        this.required = required;
        this.remaining = remaining;
    }

    /**
     * The credits the run needs.
     *
     * @return the amount, or {@code null}
     */
    public Long getRequired() {
        return required;
    }

    /**
     * The credits your tenant has left.
     *
     * @return the amount, or {@code null}
     */
    public Long getRemaining() {
        return remaining;
    }
}

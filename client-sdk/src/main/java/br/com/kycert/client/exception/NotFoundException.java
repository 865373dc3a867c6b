package br.com.kycert.client.exception;

/**
 * 404: no such resource in your tenant and the key's environment ({@code run_not_found},
 * {@code template_not_found}), or no such path ({@code route_not_found}). A run of another tenant or environment
 * answers exactly like a missing one.
 */
public class NotFoundException extends KycertException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from a parsed problem.
     *
     * @param problem the parsed problem
     */
    public NotFoundException(ProblemDetails problem) {
        super(problem);
    }
}

package br.com.kycert.client.exception;

/**
 * 403: the key lacks the scope the operation requires ({@code insufficient_scope}; see
 * {@link #getRequiredScopes()}), or is restricted to the other subject type ({@code subject_type_not_allowed}).
 */
public class PermissionException extends KycertException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from a parsed problem.
     *
     * @param problem the parsed problem
     */
    public PermissionException(ProblemDetails problem) {
        super(problem);
    }
}

package br.com.kycert.client.exception;

/**
 * 5xx: an unexpected error on kycert's side ({@code internal_error}), or a gateway error whose body may not be
 * JSON at all (see {@link #getRawBody()}). The SDK already retried it when that was safe; quote
 * {@link #getRequestId()} to support if it persists.
 */
public class ApiServerException extends KycertException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from a parsed problem.
     *
     * @param problem the parsed problem
     */
    public ApiServerException(ProblemDetails problem) {
        super(problem);
    }
}

package br.com.kycert.client.exception;

/**
 * 401: the API key is missing ({@code missing_api_key}), or malformed, revoked, inactive, expired or unknown
 * ({@code invalid_api_key}). Retrying with the same key will not help.
 */
public class AuthenticationException extends KycertException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from a parsed problem.
     *
     * @param problem the parsed problem
     */
    public AuthenticationException(ProblemDetails problem) {
        super(problem);
    }
}

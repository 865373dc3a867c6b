package br.com.kycert.client.exception;

/**
 * A 4xx other than 401, 403, 404, 409 and 429: the request itself is wrong and must be fixed before it is sent
 * again. Covers 400 ({@code invalid_request}, {@code invalid_api_version}), 405 ({@code method_not_allowed}), 406
 * ({@code not_acceptable}), 413 ({@code request_too_large}), 415 ({@code unsupported_media_type}) and 422
 * ({@code invalid_document}, {@code validation_failed}). {@link #getErrors()} lists the offending fields.
 */
public class InvalidRequestException extends KycertException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from a parsed problem.
     *
     * @param problem the parsed problem
     */
    public InvalidRequestException(ProblemDetails problem) {
        super(problem);
    }
}

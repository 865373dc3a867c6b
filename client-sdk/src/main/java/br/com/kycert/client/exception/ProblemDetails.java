package br.com.kycert.client.exception;

import java.io.Serializable;
import java.util.List;

/**
 * The parsed body of an error response: an RFC 9457 problem with kycert's extensions.
 *
 * <p>Parsing is lenient: every component other than {@code status} may be {@code null} (the lists are never
 * {@code null}, only empty) when the body was not a problem document, for example an HTML page from a proxy.
 * {@code rawBody} always holds the body exactly as received.
 *
 * @param status the HTTP status of the response, or {@code 0} when no response was received
 * @param code the stable machine-readable error code (e.g. {@code invalid_api_key}); new codes may appear, so
 *     treat unknown ones by status
 * @param type the problem type, a relative URI such as {@code /problems/invalid_api_key}
 * @param title a short human-readable summary of the problem type
 * @param detail a human-readable explanation of this occurrence
 * @param requestId the id of the request, from the body's {@code request_id} or the {@code X-Request-Id}
 *     header; quote it when you contact support
 * @param requiredScopes with {@code insufficient_scope}, the scopes the operation requires
 * @param errors with 400 and 422, one entry per offending field or parameter
 * @param rawBody the response body as received, or {@code null} when there was none
 * @serial exclude (serialised with its exception; the components above are its whole content)
 */
public record ProblemDetails(
        int status,
        String code,
        String type,
        String title,
        String detail,
        String requestId,
        List<String> requiredScopes,
        List<FieldError> errors,
        String rawBody)
        implements Serializable {

    /**
     * Creates the details, copying both lists into unmodifiable ones ({@code null} becomes empty).
     *
     * @param status the HTTP status, or {@code 0} when no response was received
     * @param code the problem code, or {@code null}
     * @param type the problem type, or {@code null}
     * @param title the problem title, or {@code null}
     * @param detail the problem detail, or {@code null}
     * @param requestId the request id, or {@code null}
     * @param requiredScopes the required scopes, or {@code null}
     * @param errors the field errors, or {@code null}
     * @param rawBody the raw response body, or {@code null}
     */
    public ProblemDetails {
        requiredScopes = requiredScopes == null ? List.of() : List.copyOf(requiredScopes);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * Details for a failure with no parsed problem: only a status (or {@code 0}) and an optional request id.
     *
     * @param status the HTTP status, or {@code 0} when no response was received
     * @param requestId the request id, or {@code null}
     * @param rawBody the raw response body, or {@code null}
     * @return details with every problem field empty
     */
    public static ProblemDetails statusOnly(int status, String requestId, String rawBody) {
        return new ProblemDetails(status, null, null, null, null, requestId, List.of(), List.of(), rawBody);
    }
}

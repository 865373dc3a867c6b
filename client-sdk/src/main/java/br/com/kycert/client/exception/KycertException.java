package br.com.kycert.client.exception;

import java.util.List;

/**
 * The base of every exception the kycert SDK throws. Unchecked.
 *
 * <p>Catch a subclass to handle one kind of failure, or this class to handle them all. It is thrown as such (not
 * as a subclass) only for responses the SDK does not expect at all, such as a 3xx status or a success response
 * whose body cannot be decoded.
 *
 * <pre>{@code
 * try {
 *     client.getRunAnalysis(runId);
 * } catch (ConflictException e) {          // run_not_completed: try again later
 * } catch (KycertException e) {
 *     log.warn("kycert failed: {} {} ({})", e.getStatus(), e.getCode(), e.getRequestId());
 * }
 * }</pre>
 */
public class KycertException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int SNIPPET_LENGTH = 120;

    /** The parsed problem; never {@code null}. */
    private final ProblemDetails problem;

    /**
     * Creates an exception whose message is built from the problem (status, code, detail, request id).
     *
     * @param problem the parsed problem
     */
    public KycertException(ProblemDetails problem) {
        this(describe(problem), problem, null);
    }

    /**
     * Creates an exception with an explicit message.
     *
     * @param message the message
     * @param problem the parsed problem; {@code null} means status {@code 0} and no problem fields
     * @param cause the underlying cause, or {@code null}
     */
    public KycertException(String message, ProblemDetails problem, Throwable cause) {
        super(message, cause);
        this.problem = problem == null ? ProblemDetails.statusOnly(0, null, null) : problem;
    }

    /**
     * The HTTP status of the response.
     *
     * @return the status, or {@code 0} when no response was received (connection failure, timeout)
     */
    public int getStatus() {
        return problem.status();
    }

    /**
     * The stable machine-readable error code, such as {@code invalid_api_key} or {@code run_not_completed}.
     *
     * @return the code, or {@code null} when the response carried none
     */
    public String getCode() {
        return problem.code();
    }

    /**
     * The id of the failed request, to quote when you contact support.
     *
     * @return the body's {@code request_id}, else the {@code X-Request-Id} header, else {@code null}
     */
    public String getRequestId() {
        return problem.requestId();
    }

    /**
     * The problem type, a relative URI such as {@code /problems/invalid_api_key}.
     *
     * @return the type, or {@code null}
     */
    public String getType() {
        return problem.type();
    }

    /**
     * The short human-readable summary of the problem type.
     *
     * @return the title, or {@code null}
     */
    public String getTitle() {
        return problem.title();
    }

    /**
     * The human-readable explanation of this occurrence of the problem.
     *
     * @return the detail, or {@code null}
     */
    public String getDetail() {
        return problem.detail();
    }

    /**
     * With {@code insufficient_scope}: the scopes the operation requires.
     *
     * @return the scopes; empty, never {@code null}, when the response listed none
     */
    public List<String> getRequiredScopes() {
        return problem.requiredScopes();
    }

    /**
     * With 400 and 422: one entry per offending field or parameter.
     *
     * @return the field errors; empty, never {@code null}, when the response listed none
     */
    public List<FieldError> getErrors() {
        return problem.errors();
    }

    /**
     * The response body exactly as received, useful when it was not a problem document.
     *
     * @return the raw body, or {@code null} when there was none
     */
    public String getRawBody() {
        return problem.rawBody();
    }

    /**
     * All the parsed problem fields at once.
     *
     * @return the problem; never {@code null}
     */
    public ProblemDetails getProblem() {
        return problem;
    }

    /**
     * Builds a one-line message such as
     * {@code HTTP 422 invalid_document: subject.doc is not a valid CPF. [subject.doc: invalid_document]
     * (request_id req_…)}.
     */
    static String describe(ProblemDetails p) {
        StringBuilder sb = new StringBuilder("HTTP ").append(p.status());
        if (p.code() != null) {
            sb.append(' ').append(p.code());
        }
        String text = p.detail() != null ? p.detail() : p.title();
        if (text != null) {
            sb.append(": ").append(text);
        } else if (p.rawBody() != null && !p.rawBody().isBlank()) {
            sb.append(": ").append(snippet(p.rawBody()));
        }
        if (!p.errors().isEmpty()) {
            StringBuilder fields = new StringBuilder();
            for (FieldError error : p.errors()) {
                if (fields.length() > 0) {
                    fields.append(", ");
                }
                fields.append(error.field()).append(": ").append(error.code());
            }
            sb.append(" [").append(fields).append(']');
        }
        if (!p.requiredScopes().isEmpty()) {
            sb.append(" (requires ")
                    .append(String.join(", ", p.requiredScopes()))
                    .append(')');
        }
        if (p.requestId() != null) {
            sb.append(" (request_id ").append(p.requestId()).append(')');
        }
        return sb.toString();
    }

    private static String snippet(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= SNIPPET_LENGTH ? oneLine : oneLine.substring(0, SNIPPET_LENGTH) + "…";
    }
}

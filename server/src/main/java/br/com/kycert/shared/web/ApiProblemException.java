package br.com.kycert.shared.web;

import br.com.kycert.api.model.FieldError;
import br.com.kycert.api.model.ProblemCode;
import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * A request that must end in a documented problem response. Thrown by features, rendered by
 * {@link ProblemRenderer}. It carries no stack trace: it is an answer, not a bug.
 */
public final class ApiProblemException extends RuntimeException {

    private final HttpStatus status;
    private final ProblemCode code;
    private final List<FieldError> errors;
    private final List<String> requiredScopes;
    private Long required;
    private Long remaining;

    public ApiProblemException(HttpStatus status, ProblemCode code, String detail) {
        this(status, code, detail, List.of(), List.of());
    }

    public ApiProblemException(
            HttpStatus status, ProblemCode code, String detail, List<FieldError> errors, List<String> requiredScopes) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.requiredScopes = List.copyOf(requiredScopes);
    }

    /** 402 {@code insufficient_credits}, naming what the run needs and what is left. */
    public static ApiProblemException insufficientCredits(long required, long remaining) {
        ApiProblemException e = new ApiProblemException(
                HttpStatus.PAYMENT_REQUIRED,
                ProblemCode.INSUFFICIENT_CREDITS,
                "This run needs " + required + " credits; your tenant has " + remaining + ".");
        e.required = required;
        e.remaining = remaining;
        return e;
    }

    public Long required() {
        return required;
    }

    public Long remaining() {
        return remaining;
    }

    public static ApiProblemException invalidRequest(String detail, List<FieldError> errors) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemCode.INVALID_REQUEST, detail, errors, List.of());
    }

    public static FieldError fieldError(String field, String code, String message) {
        return new FieldError(field, code, message);
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public List<String> requiredScopes() {
        return requiredScopes;
    }
}

package br.com.kycert.runs;

import br.com.kycert.api.model.FieldError;
import br.com.kycert.api.model.Problem;
import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.shared.DomainException.Fault;
import br.com.kycert.shared.DomainException.Violation;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.shared.web.ProblemRenderer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Words a {@link RunRefusal} for the HTTP API: the status, the problem's {@code detail} and one {@code errors}
 * entry (with the spec's per-field codes) per refused field. The sentences are the ones API clients have always
 * read; only this class holds them.
 */
@Singleton
final class RunProblemHandler implements ExceptionHandler<RunRefusal, HttpResponse<Problem>> {

    private final ProblemRenderer problems;

    RunProblemHandler(ProblemRenderer problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RunRefusal refusal) {
        MutableHttpResponse<Problem> response =
                problems.render(request, status(refusal), code(refusal), detail(refusal), errors(refusal), List.of());
        if (refusal.code().equals(RunRefusal.INSUFFICIENT_CREDITS)) {
            response.getBody().ifPresent(problem -> {
                problem.setRequired((Long) refusal.facts().get("required"));
                problem.setRemaining((Long) refusal.facts().get("remaining"));
            });
        }
        return response;
    }

    static ProblemCode code(RunRefusal refusal) {
        return ProblemCode.fromValue(refusal.code());
    }

    static HttpStatus status(RunRefusal refusal) {
        return switch (refusal.code()) {
            case RunRefusal.INVALID_CURSOR -> HttpStatus.BAD_REQUEST;
            case RunRefusal.VALIDATION_FAILED, RunRefusal.INVALID_DOCUMENT -> HttpStatus.UNPROCESSABLE_ENTITY;
            case RunRefusal.SUBJECT_TYPE_NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            case RunRefusal.INSUFFICIENT_CREDITS -> HttpStatus.PAYMENT_REQUIRED;
            case RunRefusal.IDEMPOTENCY_KEY_REUSED, RunRefusal.RUN_FAILED, RunRefusal.RUN_NOT_COMPLETED ->
                HttpStatus.CONFLICT;
            default -> throw new IllegalStateException("no status for run refusal " + refusal.code());
        };
    }

    static String detail(RunRefusal r) {
        Map<String, Object> f = r.facts();
        return switch (r.code()) {
            case RunRefusal.SUBJECT_TYPE_NOT_ALLOWED ->
                "This key is restricted to " + value(f.get("allowed")) + " subjects.";
            case RunRefusal.INSUFFICIENT_CREDITS ->
                "This run needs " + f.get("required") + " credits; your tenant has " + f.get("remaining") + ".";
            case RunRefusal.IDEMPOTENCY_KEY_REUSED -> "This Idempotency-Key was used with a different request body.";
            case RunRefusal.RUN_FAILED ->
                "The run failed (no source could be queried), so it has no analysis and never will. This is final:"
                        + " create a new run to check the subject again. Nothing was charged.";
            case RunRefusal.RUN_NOT_COMPLETED ->
                "The run is " + ((RunEntity.Status) f.get("status")).value()
                        + "; its analysis exists once it is completed.";
            case RunRefusal.INVALID_CURSOR ->
                "The cursor is not valid for this listing: pass next_cursor exactly as received, with the same key and"
                        + " the same filters as the request that returned it.";
            case RunRefusal.INVALID_DOCUMENT ->
                "subject.doc is not a valid "
                        + document((SubjectType) documentFault(r).facts().get("subject_type")) + ".";
            default ->
                mismatch(r)
                        ? "The template is for " + value(f.get("template_subject_type"))
                                + " subjects but the subject is " + value(f.get("value")) + "."
                        : "The request has invalid fields: "
                                + r.faults().stream().map(Fault::field).collect(Collectors.joining(", ")) + ".";
        };
    }

    static List<FieldError> errors(RunRefusal r) {
        return switch (r.code()) {
            case RunRefusal.VALIDATION_FAILED, RunRefusal.INVALID_DOCUMENT ->
                r.faults().stream().map(RunProblemHandler::error).toList();
            case RunRefusal.INVALID_CURSOR ->
                List.of(new FieldError(
                        "cursor", "invalid_cursor", "Not a cursor issued by this API for this listing."));
            default -> List.of();
        };
    }

    /** One refused field, with the spec's code for it and one sentence. */
    static FieldError error(Fault fault) {
        String field = fault.field();
        Map<String, Object> f = fault.facts();
        return switch (fault.violation()) {
            case REQUIRED ->
                new FieldError(
                        field,
                        "required",
                        field + " is required"
                                + (f.get("allowed") instanceof Collection<?> allowed
                                        ? " ("
                                                + allowed.stream()
                                                        .map(RunProblemHandler::value)
                                                        .collect(Collectors.joining(" or "))
                                                + ")"
                                        : "")
                                + ".");
            case LENGTH ->
                field.equals(RunRefusal.DOC)
                        ? new FieldError(field, "invalid_document", field + " is too long.")
                        : f.containsKey("min")
                                ? new FieldError(
                                        field,
                                        "invalid_length",
                                        field + " has " + f.get("min") + " to " + f.get("max") + " characters.")
                                : new FieldError(
                                        field, "too_long", field + " has at most " + f.get("max") + " characters.");
            case INVALID_FORMAT -> new FieldError(field, "invalid_document", String.valueOf(f.get("reason")));
            case NOT_ALLOWED ->
                new FieldError(
                        field,
                        "template_subject_mismatch",
                        "The template is for " + value(f.get("template_subject_type")) + " subjects.");
            default -> throw new IllegalStateException("no wording for " + field + ": " + fault.violation());
        };
    }

    private static boolean mismatch(RunRefusal r) {
        return r.faults().size() == 1 && r.violation() == Violation.NOT_ALLOWED;
    }

    private static Fault documentFault(RunRefusal r) {
        return r.faults().stream()
                .filter(f -> f.facts().containsKey("subject_type"))
                .findFirst()
                .orElseThrow();
    }

    private static String document(SubjectType type) {
        return switch (type) {
            case PF -> "CPF";
            case PJ -> "CNPJ";
        };
    }

    private static String value(Object subjectType) {
        return subjectType instanceof SubjectType t ? t.value() : String.valueOf(subjectType);
    }
}

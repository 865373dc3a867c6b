package br.com.kycert.shared.web;

import br.com.kycert.api.model.FieldError;
import br.com.kycert.api.model.Problem;
import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.shared.DomainException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Words a {@link DomainException} for the HTTP API: its kind chooses the status, its code the
 * problem {@code code}, and a refused field becomes one entry of {@code errors} (the violation, in
 * snake_case, as the entry's code). The problem codes are the spec's: a domain code the contract
 * does not list cannot be sent, so it is logged as the server bug it is and answered 500.
 */
@Singleton
final class DomainProblemHandler implements ExceptionHandler<DomainException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(DomainProblemHandler.class);

    private final ProblemRenderer problems;

    DomainProblemHandler(ProblemRenderer problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DomainException exception) {
        Optional<ProblemCode> code = code(exception);
        if (code.isEmpty()) {
            LOG.error("Domain code {} is not a problem code of the spec; answering 500", exception.code());
            return problems.render(
                    request,
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    ProblemCode.INTERNAL_ERROR,
                    "The server could not complete the request.");
        }
        return problems.render(
                request, status(exception.kind()), code.get(), detail(exception), fieldErrors(exception), List.of());
    }

    static HttpStatus status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case INSUFFICIENT_CREDITS -> HttpStatus.PAYMENT_REQUIRED;
        };
    }

    static Optional<ProblemCode> code(DomainException e) {
        return Optional.ofNullable(ProblemCode.VALUE_MAPPING.get(e.code()));
    }

    static Optional<FieldError> fieldError(DomainException e) {
        return fieldErrors(e).stream().findFirst();
    }

    static List<FieldError> fieldErrors(DomainException e) {
        return e.faults().stream()
                .map(f -> new FieldError(
                        f.field(), f.violation().name().toLowerCase(Locale.ROOT), message(f.violation(), f.facts())))
                .toList();
    }

    static String detail(DomainException e) {
        if (e.kind() == DomainException.Kind.NOT_FOUND) {
            return "No "
                    + String.valueOf(e.facts().getOrDefault("resource", "resource"))
                            .replace('_', ' ') + " with this id exists.";
        }
        return e.field() == null ? "The request was refused." : "The field " + e.field() + " is not valid.";
    }

    /** One English sentence per violation, from the facts; the CLI words the same facts its own way. */
    static String message(DomainException e) {
        return message(e.violation(), e.facts());
    }

    private static String message(DomainException.Violation violation, Map<String, Object> f) {
        return switch (violation) {
            case REQUIRED ->
                f.containsKey("min_items")
                        ? "Give at least " + f.get("min_items") + " value" + allowed(f) + "."
                        : "This field is required.";
            case LENGTH -> "Must have " + f.get("min") + " to " + f.get("max") + " characters.";
            case UNKNOWN_VALUE -> "Unknown value '" + f.get("value") + "'" + allowed(f) + ".";
            case INVALID_FORMAT ->
                f.containsKey("expected") ? "Expected " + f.get("expected") + "." : "Invalid format.";
            case OUT_OF_RANGE ->
                f.containsKey("min") && f.containsKey("max")
                        ? "Must be between " + f.get("min") + " and " + f.get("max") + "."
                        : f.containsKey("min")
                                ? "Must be at least " + f.get("min") + "."
                                : "Must be at most " + f.get("max") + ".";
            case NOT_IN_FUTURE -> "Must be in the future.";
            case NOT_APPROVED ->
                f.getOrDefault("value", "This value") + " needs support approval for your tenant first.";
            case DUPLICATE -> "'" + f.get("value") + "' is listed twice.";
            case NOT_ALLOWED ->
                "'" + f.getOrDefault("value", "") + "' is not allowed here"
                        + (f.containsKey("reason") ? ": " + f.get("reason") : "") + ".";
        };
    }

    private static String allowed(Map<String, Object> f) {
        Object allowed = f.get("allowed");
        if (allowed instanceof Collection<?> c) {
            return "; allowed: "
                    + String.join(", ", c.stream().map(String::valueOf).toList());
        }
        return allowed == null ? "" : "; allowed: " + allowed;
    }
}

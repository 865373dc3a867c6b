package br.com.kycert.shared.web;

import br.com.kycert.api.model.FieldError;
import br.com.kycert.api.model.Problem;
import br.com.kycert.api.model.ProblemCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * The one place that turns an error into an RFC 9457 problem. Every error path of the server
 * (features, framework errors, security rejections) ends here, so every problem has the same
 * shape, a stable {@code code} and the request id.
 */
@Singleton
public final class ProblemRenderer {

    public static final String PROBLEM_JSON = "application/problem+json";

    private static final Map<ProblemCode, String> TITLES = Map.ofEntries(
            Map.entry(ProblemCode.INVALID_REQUEST, "Invalid request"),
            Map.entry(ProblemCode.INVALID_API_VERSION, "Invalid API version"),
            Map.entry(ProblemCode.INVALID_CURSOR, "Invalid cursor"),
            Map.entry(ProblemCode.MISSING_API_KEY, "Missing API key"),
            Map.entry(ProblemCode.INVALID_API_KEY, "Invalid API key"),
            Map.entry(ProblemCode.INSUFFICIENT_SCOPE, "Insufficient scope"),
            Map.entry(ProblemCode.SUBJECT_TYPE_NOT_ALLOWED, "Subject type not allowed"),
            Map.entry(ProblemCode.ORIGIN_NOT_ALLOWED, "Origin not allowed"),
            Map.entry(ProblemCode.RUN_NOT_FOUND, "Run not found"),
            Map.entry(ProblemCode.TEMPLATE_NOT_FOUND, "Template not found"),
            Map.entry(ProblemCode.RUN_NOT_COMPLETED, "Run not completed"),
            Map.entry(ProblemCode.RUN_FAILED, "Run failed"),
            Map.entry(ProblemCode.IDEMPOTENCY_KEY_REUSED, "Idempotency key reused"),
            Map.entry(ProblemCode.INSUFFICIENT_CREDITS, "Insufficient credits"),
            Map.entry(ProblemCode.INVALID_DOCUMENT, "Invalid document"),
            Map.entry(ProblemCode.VALIDATION_FAILED, "Validation failed"),
            Map.entry(ProblemCode.ROUTE_NOT_FOUND, "Route not found"),
            Map.entry(ProblemCode.METHOD_NOT_ALLOWED, "Method not allowed"),
            Map.entry(ProblemCode.NOT_ACCEPTABLE, "Not acceptable"),
            Map.entry(ProblemCode.REQUEST_TOO_LARGE, "Request too large"),
            Map.entry(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
            Map.entry(ProblemCode.URI_TOO_LONG, "URI too long"),
            Map.entry(ProblemCode.HEADERS_TOO_LARGE, "Request headers too large"),
            Map.entry(ProblemCode.INVALID_ENCODING, "Invalid encoding"),
            Map.entry(ProblemCode.SERVICE_UNAVAILABLE, "Service unavailable"),
            Map.entry(ProblemCode.INTERNAL_ERROR, "Internal error"));

    /** The fixed title of a code. */
    static String title(ProblemCode code, String fallback) {
        return TITLES.getOrDefault(code, fallback);
    }

    /** Builds the problem body for a request. */
    public Problem problem(
            HttpRequest<?> request,
            HttpStatus status,
            ProblemCode code,
            String detail,
            List<FieldError> errors,
            List<String> requiredScopes) {
        Problem problem = new Problem(
                "/problems/" + code.getValue(),
                TITLES.getOrDefault(code, status.getReason()),
                status.getCode(),
                code,
                RequestIds.of(request));
        problem.setDetail(detail);
        if (errors != null && !errors.isEmpty()) {
            problem.setErrors(List.copyOf(errors));
        }
        if (requiredScopes != null && !requiredScopes.isEmpty()) {
            problem.setRequiredScopes(List.copyOf(requiredScopes));
        }
        return problem;
    }

    /** A complete problem response. */
    public MutableHttpResponse<Problem> render(
            HttpRequest<?> request,
            HttpStatus status,
            ProblemCode code,
            String detail,
            List<FieldError> errors,
            List<String> requiredScopes) {
        return HttpResponse.<Problem>status(status)
                .contentType(PROBLEM_JSON)
                .body(problem(request, status, code, detail, errors, requiredScopes));
    }

    public MutableHttpResponse<Problem> render(HttpRequest<?> request, ApiProblemException e) {
        MutableHttpResponse<Problem> response =
                render(request, e.status(), e.code(), e.getMessage(), e.errors(), e.requiredScopes());
        response.getBody().ifPresent(problem -> {
            problem.setRequired(e.required());
            problem.setRemaining(e.remaining());
        });
        return response;
    }

    public MutableHttpResponse<Problem> render(
            HttpRequest<?> request, HttpStatus status, ProblemCode code, String detail) {
        return render(request, status, code, detail, List.of(), List.of());
    }
}

package br.com.kycert.shared.web;

import br.com.kycert.api.model.Problem;
import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.shared.LogMasking;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Renders the framework's own errors (unknown route, wrong method, media type, body too large,
 * unconvertible parameters, unexpected failures) as problems. Framework messages are never
 * echoed: they can contain input values and internal class names.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
final class ProblemErrorBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    private final ProblemRenderer problems;

    ProblemErrorBodyProvider(ProblemRenderer problems) {
        this.problems = problems;
    }

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        return switch (status) {
            case NOT_FOUND ->
                problems.problem(
                        context.getRequest(),
                        status,
                        ProblemCode.ROUTE_NOT_FOUND,
                        "No route matches "
                                + LogMasking.bounded(context.getRequest().getMethodName(), 20) + " "
                                + LogMasking.echo(context.getRequest().getPath(), 120)
                                + ". The API is under /api/v1/bureau;"
                                + " its reference and guides are at /docs.",
                        List.of(),
                        List.of());
            case METHOD_NOT_ALLOWED ->
                problems.problem(
                        context.getRequest(),
                        status,
                        ProblemCode.METHOD_NOT_ALLOWED,
                        "This path does not accept "
                                + LogMasking.bounded(context.getRequest().getMethodName(), 20) + allowed(response)
                                + ".",
                        List.of(),
                        List.of());
            case NOT_ACCEPTABLE ->
                problems.problem(
                        context.getRequest(),
                        status,
                        ProblemCode.NOT_ACCEPTABLE,
                        "This API answers application/json (errors: application/problem+json).",
                        List.of(),
                        List.of());
            case REQUEST_ENTITY_TOO_LARGE ->
                problems.problem(
                        context.getRequest(),
                        status,
                        ProblemCode.REQUEST_TOO_LARGE,
                        "The request body is too large.",
                        List.of(),
                        List.of());
            case UNSUPPORTED_MEDIA_TYPE ->
                problems.problem(
                        context.getRequest(),
                        status,
                        ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                        "Send the body as application/json.",
                        List.of(),
                        List.of());
            default ->
                status.getCode() < 500
                        ? badRequest(context)
                        : problems.problem(
                                context.getRequest(),
                                HttpStatus.INTERNAL_SERVER_ERROR,
                                ProblemCode.INTERNAL_ERROR,
                                "Something went wrong on our side. Quote the request_id to support.",
                                List.of(),
                                List.of());
        };
    }

    private static String allowed(HttpResponse<?> response) {
        String allow = response.getHeaders().get(io.micronaut.http.HttpHeaders.ALLOW);
        return allow == null || allow.isBlank() ? "" : "; it takes " + allow;
    }

    private Problem badRequest(ErrorContext context) {
        RequestReadErrors.Explanation why = context.getRootCause()
                .map(RequestReadErrors::explain)
                .orElse(new RequestReadErrors.Explanation("The request could not be read.", List.of()));
        return problems.problem(
                context.getRequest(), HttpStatus.BAD_REQUEST, why.code(), why.detail(), why.errors(), List.of());
    }

    @Override
    public String contentType() {
        return ProblemRenderer.PROBLEM_JSON;
    }
}

package br.com.kycert.shared.web;

import br.com.kycert.api.model.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/** A body whose chunked framing broke ({@link EdgeHandler}) outside the API is bad input too: 400, never half-read. */
@Singleton
final class MalformedBodyProblemHandler
        implements ExceptionHandler<EdgeHandler.MalformedBodyException, HttpResponse<Problem>> {

    private final ProblemRenderer problems;

    MalformedBodyProblemHandler(ProblemRenderer problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, EdgeHandler.MalformedBodyException exception) {
        var defect = JsonBodyInspector.MALFORMED_FRAMING;
        return problems.render(
                request, HttpStatus.BAD_REQUEST, defect.code(), defect.detail(), List.of(defect.error()), List.of());
    }
}

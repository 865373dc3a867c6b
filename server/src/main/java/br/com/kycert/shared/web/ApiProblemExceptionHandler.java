package br.com.kycert.shared.web;

import br.com.kycert.api.model.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
final class ApiProblemExceptionHandler implements ExceptionHandler<ApiProblemException, HttpResponse<Problem>> {

    private final ProblemRenderer problems;

    ApiProblemExceptionHandler(ProblemRenderer problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ApiProblemException exception) {
        return problems.render(request, exception);
    }
}

package br.com.kycert.shared.web;

import br.com.kycert.api.model.FieldError;
import br.com.kycert.api.model.Problem;
import br.com.kycert.api.model.ProblemCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.compression.DecompressionException;
import jakarta.inject.Singleton;
import java.util.List;

/** A body announced as compressed that does not decompress is bad input (400), not a server error. */
@Singleton
final class DecompressionProblemHandler implements ExceptionHandler<DecompressionException, HttpResponse<Problem>> {

    private final ProblemRenderer problems;

    DecompressionProblemHandler(ProblemRenderer problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DecompressionException exception) {
        return problems.render(
                request,
                HttpStatus.BAD_REQUEST,
                ProblemCode.INVALID_REQUEST,
                "The body does not match its Content-Encoding; send plain application/json.",
                List.of(new FieldError("Content-Encoding", "invalid", "The body could not be decoded.")),
                List.of());
    }
}

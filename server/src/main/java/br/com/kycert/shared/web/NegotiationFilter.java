package br.com.kycert.shared.web;

import br.com.kycert.api.model.ProblemCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Answers 406 to API requests whose {@code Accept} header rules out JSON, as {@link EdgeHandler} negotiated it.
 * Before authentication, as routing settles negotiation: a 406 reveals nothing about keys.
 */
@ServerFilter("/api/**")
final class NegotiationFilter implements Ordered {

    private final ProblemRenderer problems;

    NegotiationFilter(ProblemRenderer problems) {
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (request.getHeaders().contains(EdgeHandler.NOT_ACCEPTABLE_MARK)) {
            return problems.render(
                    request,
                    HttpStatus.NOT_ACCEPTABLE,
                    ProblemCode.NOT_ACCEPTABLE,
                    "Your Accept header rules out application/json, the only format this API answers in (errors:"
                            + " application/problem+json). Accept application/json, application/* or */*.");
        }
        return null;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}

package br.com.kycert.shared.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;

/**
 * Answers 400 for a body the edge found defective ({@link JsonBodyInspector}), after authentication and the media
 * type check, where the documented check order puts request syntax.
 */
@ServerFilter("/api/**")
final class StrictBodyFilter implements Ordered {

    private final ProblemRenderer problems;

    StrictBodyFilter(ProblemRenderer problems) {
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String mark = request.getHeaders().get(EdgeHandler.BODY_DEFECT_MARK);
        if (mark == null) {
            return null;
        }
        return JsonBodyInspector.Defect.decode(mark)
                .<HttpResponse<?>>map(d -> problems.render(
                        request, HttpStatus.BAD_REQUEST, d.code(), d.detail(), List.of(d.error()), List.of()))
                .orElse(null);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 15;
    }
}

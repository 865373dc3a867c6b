package br.com.kycert.shared.web;

import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.shared.LogMasking;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteMatch;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * HTTP methods are case-sensitive (RFC 9110 §9.1): {@code get} is not {@code GET}, although the framework would
 * route it as one. Such a request is refused with 405 and the methods the path does take, before authentication,
 * like any other method the path does not take.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class MethodFilter implements Ordered {

    private final ProblemRenderer problems;
    private final Router router;

    MethodFilter(ProblemRenderer problems, Router router) {
        this.problems = problems;
        this.router = router;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String name = request.getMethodName();
        if (name.equals(name.toUpperCase(Locale.ROOT))) {
            return null;
        }
        TreeSet<String> allowed = router.<Object, Object>findAny(request.getPath(), request)
                .map(UriRouteMatch::getHttpMethod)
                .map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new));
        var response = problems.render(
                request,
                HttpStatus.METHOD_NOT_ALLOWED,
                ProblemCode.METHOD_NOT_ALLOWED,
                "HTTP methods are case-sensitive: send " + name.toUpperCase(Locale.ROOT) + ", not "
                        + LogMasking.bounded(name, 20) + "."
                        + (allowed.isEmpty() ? "" : " This path takes " + String.join(", ", allowed) + "."));
        if (!allowed.isEmpty()) {
            response.header(HttpHeaders.ALLOW, String.join(", ", allowed));
        }
        return response;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }
}

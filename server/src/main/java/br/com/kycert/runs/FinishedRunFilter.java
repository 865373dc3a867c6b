package br.com.kycert.runs;

import br.com.kycert.auth.ApiPrincipal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /runs/{id}} of a finished run this node holds ({@link FinishedRunCache}) is answered here, on the event
 * loop, with the body the route would give: no database read and no hop to a blocking thread. It runs after every
 * other filter of the request (authentication and the scope check, rate limits, the version and shape checks), whose
 * response sides still apply (the version's rendering, the headers, metrics, audit). Anything else, a run not held,
 * or one whose subject type the key may not see, goes on to {@link RunsController}, which reads PostgreSQL and
 * answers or refuses as always.
 */
@ServerFilter(RunsController.RUNS_PATH + "/*")
final class FinishedRunFilter implements Ordered {

    private final RunService runs;

    FinishedRunFilter(RunService runs) {
        this.runs = runs;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> serveFinished(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.GET) {
            return null;
        }
        Optional<UUID> id = RouteAttributes.getRouteMatch(request)
                .filter(MethodBasedRouteMatch.class::isInstance)
                .map(m -> (MethodBasedRouteMatch<?, ?>) m)
                .filter(m -> m.getDeclaringType() == RunsController.class
                        && m.getMethodName().equals("getRun"))
                .map(m -> m.getVariableValues().get("id"))
                .flatMap(FinishedRunFilter::uuid);
        Optional<Authentication> authentication = request.getUserPrincipal(Authentication.class);
        if (id.isEmpty() || authentication.isEmpty() || !ApiPrincipal.isApiKey(authentication.get())) {
            return null;
        }
        return runs.finished(ApiPrincipal.of(authentication.get()), id.get())
                .map(HttpResponse::ok)
                .orElse(null);
    }

    private static Optional<UUID> uuid(Object value) {
        if (value instanceof UUID u) {
            return Optional.of(u);
        }
        try {
            return Optional.of(UUID.fromString(String.valueOf(value)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public int getOrder() {
        // After VersionFilter (SECURITY.after() + 20), the last check a request passes before its route.
        return ServerFilterPhase.SECURITY.after() + 30;
    }
}

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
 * Resolves {@code x-kycert-api-version}. Runs after security so that the documented check order
 * holds: authentication (401) and scope (403) come before an unknown version (400).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ApiVersionFilter implements Ordered {

    private static final String ATTRIBUTE = "kycert.api-version";

    private final ProblemRenderer problems;

    ApiVersionFilter(ProblemRenderer problems) {
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> resolve(HttpRequest<?> request) {
        String requested = request.getHeaders().get(ApiVersions.HEADER);
        if (requested == null) {
            request.setAttribute(ATTRIBUTE, ApiVersions.latest());
            return null;
        }
        if (request.getHeaders().getAll(ApiVersions.HEADER).stream()
                        .map(String::trim)
                        .distinct()
                        .count()
                > 1) {
            // Two different pins (a proxy adding its own?): serving either would be a guess.
            return problems.render(
                    request,
                    HttpStatus.BAD_REQUEST,
                    ProblemCode.INVALID_API_VERSION,
                    "Send " + ApiVersions.HEADER + " once: this request carries two different versions.");
        }
        var version = ApiVersions.find(requested.trim());
        if (version.isPresent()) {
            request.setAttribute(ATTRIBUTE, version.get());
            return null;
        }
        return problems.render(
                request,
                HttpStatus.BAD_REQUEST,
                ProblemCode.INVALID_API_VERSION,
                "Unknown API version in " + ApiVersions.HEADER + ". Supported: "
                        + String.join(", ", ApiVersions.supported()) + ".");
    }

    /** The version that served the request: the pinned one if valid, else the latest. */
    static String servedVersion(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> {
            String requested = request.getHeaders().get(ApiVersions.HEADER);
            return requested == null
                    ? ApiVersions.latest()
                    : ApiVersions.find(requested.trim()).orElse(ApiVersions.latest());
        });
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}

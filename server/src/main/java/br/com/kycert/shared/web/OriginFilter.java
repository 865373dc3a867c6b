package br.com.kycert.shared.web;

import br.com.kycert.api.model.ProblemCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URI;
import java.util.Locale;

/**
 * The Origin policy, decided on purpose: the API is called server to server, the dashboard from its own pages.
 * <ul>
 *   <li>No {@code Origin} (servers, curl, SDKs) or the server's own origin (the dashboard's pages): served.</li>
 *   <li>Another origin on {@code /api/**}: 403 {@code origin_not_allowed}, preflights included. The API grants no
 *       CORS, so that an API key is never used from a web page, where anyone could read it.</li>
 *   <li>Another origin elsewhere: safe methods are served (docs, health, problem pages; without CORS headers a
 *       browser does not let the other page read them), unsafe methods are 403 (cross-site form posts).</li>
 * </ul>
 * Before authentication: the refusal does not depend on the key.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class OriginFilter implements Ordered {

    private final ProblemRenderer problems;

    OriginFilter(ProblemRenderer problems) {
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin == null || sameOrigin(origin, request.getHeaders().get(HttpHeaders.HOST))) {
            return null;
        }
        boolean api = request.getPath().startsWith("/api/") || request.getPath().equals("/api");
        boolean preflight = request.getMethod() == HttpMethod.OPTIONS
                && request.getHeaders().contains(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        boolean safe = (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD) && !preflight;
        if (!api && safe) {
            return null;
        }
        return problems.render(
                request,
                HttpStatus.FORBIDDEN,
                ProblemCode.ORIGIN_NOT_ALLOWED,
                api
                        ? "This API is called server to server: browsers on other origins may not call it (it grants no CORS)."
                                + " Call it from your backend, and never put an API key in a web page."
                        : "Requests that change something are accepted only from this site's own pages.");
    }

    /** Same host and port as the request's {@code Host} (the scheme is left out: TLS may end at a proxy). */
    static boolean sameOrigin(String origin, @Nullable String host) {
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI o = URI.create(origin.trim());
            if (o.getHost() == null) {
                return false;
            }
            int originPort = o.getPort() != -1 ? o.getPort() : "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
            URI h = URI.create("http://" + host.trim());
            if (h.getHost() == null) {
                return false;
            }
            int hostPort = h.getPort() != -1 ? h.getPort() : o.getPort() == -1 ? originPort : -1;
            return o.getHost().toLowerCase(Locale.ROOT).equals(h.getHost().toLowerCase(Locale.ROOT))
                    && originPort == hostPort;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after() + 1;
    }
}

package br.com.kycert.shared.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Locale;

/**
 * Outermost filter: every response, errors and rejections included, carries the request id and
 * the API version that served it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ApiHeadersFilter implements Ordered {

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header(RequestIds.HEADER, RequestIds.of(request));
        response.header(ApiVersions.HEADER, ApiVersionFilter.servedVersion(request));
        // Any response may be compressed (gzip, deflate) when the client asks: caches must key on Accept-Encoding.
        if (response.getHeaders().getAll(HttpHeaders.VARY).stream()
                .noneMatch(v -> v.toLowerCase(Locale.ROOT).contains("accept-encoding"))) {
            response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}

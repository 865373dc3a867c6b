package br.com.kycert.shared.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

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
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}

package br.com.kycert.dashboard;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Locale;

/**
 * Every dashboard response gets the security headers: a Content-Security-Policy that allows no inline
 * script and no framing, {@code Referrer-Policy: same-origin}, {@code X-Content-Type-Options}. Pages are never
 * cached (they show tenant data; sign-in and the key reveal must not outlive the tab). Errors the
 * framework rendered as problem+json (an unknown page, a wrong method) become the dashboard's HTML
 * error page, so a browser never lands on JSON.
 */
@ServerFilter({"/dashboard", "/dashboard/**"})
final class DashboardResponseFilter implements Ordered {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private final Pages pages;

    DashboardResponseFilter(Pages pages) {
        this.pages = pages;
    }

    @ResponseFilter
    void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String type = response.getHeaders().get("Content-Type");
        if (response.code() >= 400
                && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/html"))
                && !request.getPath().startsWith("/dashboard/assets/")) {
            HttpStatus status = response.getStatus();
            var page = pages.error(request, status, status == HttpStatus.NOT_FOUND ? "not_found" : "other");
            @SuppressWarnings("unchecked")
            MutableHttpResponse<Object> writable = (MutableHttpResponse<Object>) response;
            writable.body(page.body());
            writable.contentType(page.getContentType().orElseThrow());
        }
        response.header("Content-Security-Policy", CSP);
        // Not no-referrer: under it a browser sends "Origin: null" with the dashboard's own form posts, and
        // the Origin policy (OriginFilter) rightly refuses those. same-origin sends our origin to us, nothing
        // to anyone else.
        response.header("Referrer-Policy", "same-origin");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        if (!request.getPath().startsWith("/dashboard/assets/")) {
            response.header("Cache-Control", "no-store");
        }
    }

    @Override
    public int getOrder() {
        // Outside the gate and the pages, so its own 403 and redirects get the headers too.
        return ServerFilterPhase.FIRST.after();
    }
}

package br.com.kycert.ratelimits;

import br.com.kycert.auth.ApiPrincipal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;

/**
 * Puts {@code RateLimit-Policy} and {@code RateLimit} on every response to an authenticated API request: counted
 * ones, 429s, and those security refused before counting (403), which show the quota without using it. A 401 has no
 * key, hence no quota to show.
 */
@ServerFilter("/api/**")
@Requires(notEnv = "cli")
final class RateLimitHeadersFilter implements Ordered {

    private final RateLimiter limiter;

    RateLimitHeadersFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        RateLimiter.Outcome outcome = request.getAttribute(RateLimitFilter.ATTRIBUTE, RateLimiter.Outcome.class)
                .orElseGet(() -> request.getUserPrincipal(Authentication.class)
                        .map(a -> limiter.peek(ApiPrincipal.of(a)))
                        .orElse(null));
        if (outcome != null) {
            response.header("RateLimit-Policy", outcome.policyHeader());
            response.header("RateLimit", outcome.header());
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }
}

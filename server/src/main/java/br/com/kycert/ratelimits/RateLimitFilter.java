package br.com.kycert.ratelimits;

import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.auth.ApiPrincipal;
import br.com.kycert.shared.web.ProblemRenderer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;

/**
 * Counts every authenticated API request against its key's and tenant's quota, right after security (the tenant
 * comes from the key) and before the version check, the controller and any other database work. Over the limit:
 * 429 {@code rate_limited} with {@code Retry-After}.
 */
@ServerFilter("/api/**")
@Requires(notEnv = "cli")
final class RateLimitFilter implements Ordered {

    static final String ATTRIBUTE = "kycert.rate-limit";

    private final RateLimiter limiter;
    private final ProblemRenderer problems;

    RateLimitFilter(RateLimiter limiter, ProblemRenderer problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        var authentication = request.getUserPrincipal(Authentication.class);
        if (authentication.isEmpty()) {
            return null;
        }
        RateLimiter.Outcome outcome = limiter.consume(ApiPrincipal.of(authentication.get()));
        request.setAttribute(ATTRIBUTE, outcome);
        if (outcome.allowed()) {
            return null;
        }
        return problems.render(
                        request,
                        HttpStatus.TOO_MANY_REQUESTS,
                        ProblemCode.RATE_LIMITED,
                        "Too many requests for this key or tenant; retry after " + outcome.retryAfterSeconds()
                                + " second" + (outcome.retryAfterSeconds() == 1 ? "" : "s") + ".")
                .header("Retry-After", Long.toString(outcome.retryAfterSeconds()));
    }

    @Override
    public int getOrder() {
        // After SecurityFilter (39000), before ApiVersionFilter (SECURITY.after() = 39250).
        return ServerFilterPhase.SECURITY.order() + 100;
    }
}

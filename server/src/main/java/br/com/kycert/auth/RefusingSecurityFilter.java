package br.com.kycert.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.config.SecurityConfiguration;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import java.util.Collection;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Micronaut's security filter, but a rejected request is answered (401/403 problem, by
 * {@link AuthorizationProblemHandler}) straight from the filter instead of by raising an
 * {@code AuthorizationException} through the reactive chain for the exception handlers to find. A refusal
 * then allocates no exception (no stack trace) and takes no error route: a client hammering with bad keys,
 * or missing a scope, is refused about as cheaply as a constant response. The rules are the same beans in
 * the same order with the same outcome ({@code reject-not-found: false} included).
 */
@Replaces(SecurityFilter.class)
@Filter("${micronaut.security.filter.pattern:/**}")
@Requires(property = "micronaut.security.filter.enabled", notEquals = "false", defaultValue = "true")
final class RefusingSecurityFilter extends SecurityFilter {

    private final AuthorizationProblemHandler problems;

    RefusingSecurityFilter(
            Collection<SecurityRule<HttpRequest<?>>> securityRules,
            Collection<AuthenticationFetcher<HttpRequest<?>>> authenticationFetchers,
            SecurityConfiguration securityConfiguration,
            AuthorizationProblemHandler problems) {
        super(securityRules, authenticationFetchers, securityConfiguration);
        this.problems = problems;
    }

    @Override
    protected Publisher<MutableHttpResponse<?>> checkRules(
            HttpRequest<?> request, ServerFilterChain chain, Authentication authentication) {
        return Flux.fromIterable(securityRules)
                .concatMap(rule -> Mono.from(rule.check(request, authentication))
                        .defaultIfEmpty(SecurityRuleResult.UNKNOWN)
                        .filter(result -> result != SecurityRuleResult.UNKNOWN))
                .next()
                .flatMapMany(result ->
                        result == SecurityRuleResult.ALLOWED ? chain.proceed(request) : refuse(request, authentication))
                .switchIfEmpty(Flux.defer(() -> {
                    // No rule decided: an unknown route goes on to its 404, anything else is refused.
                    if (RouteAttributes.getRouteMatch(request).isEmpty() && !securityConfiguration.isRejectNotFound()) {
                        return chain.proceed(request);
                    }
                    return refuse(request, authentication);
                }));
    }

    private Mono<MutableHttpResponse<?>> refuse(HttpRequest<?> request, Authentication authentication) {
        boolean forbidden = authentication != null;
        request.setAttribute(REJECTION, forbidden ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED);
        return Mono.just(problems.render(request, forbidden));
    }
}

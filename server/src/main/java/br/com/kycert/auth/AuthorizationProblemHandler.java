package br.com.kycert.auth;

import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.keys.ApiKeyVerifier.Refused;
import br.com.kycert.keys.KeyRefusal;
import br.com.kycert.keys.Scope;
import br.com.kycert.shared.web.ProblemRenderer;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Security rejections as problems: 401 {@code missing_api_key} / {@code invalid_api_key} with
 * {@code WWW-Authenticate}, 403 {@code insufficient_scope} naming the scopes the operation requires
 * (read from the {@code @Secured} the spec generated). Rendered straight from the security filter
 * ({@link RefusingSecurityFilter}); the exception handler remains for any other {@code AuthorizationException}.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class AuthorizationProblemHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private final ProblemRenderer problems;

    AuthorizationProblemHandler(ProblemRenderer problems) {
        this.problems = problems;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        return render(request, exception.isForbidden());
    }

    /**
     * The 403 (an authenticated caller lacking the scope) or 401 problem, with no exception involved:
     * {@link RefusingSecurityFilter} answers rejections with it directly.
     */
    MutableHttpResponse<?> render(HttpRequest<?> request, boolean forbidden) {
        if (forbidden) {
            List<String> required = requiredScopes(request);
            return problems.render(
                    request,
                    HttpStatus.FORBIDDEN,
                    ProblemCode.INSUFFICIENT_SCOPE,
                    required.isEmpty()
                            ? "This key may not perform this operation."
                            : "This operation requires " + (required.size() > 1 ? "one of the scopes " : "the scope ")
                                    + String.join(", ", required)
                                    + (required.stream()
                                                    .map(Scope::find)
                                                    .flatMap(Optional::stream)
                                                    .anyMatch(Scope::needsApproval)
                                            ? " (effective only while your tenant has support approval for detail access)."
                                            : "."),
                    List.of(),
                    required);
        }
        KeyRefusal reason = ApiKeyAuthenticationFetcher.refusal(request)
                .map(Refused::reason)
                .orElse(KeyRefusal.MISSING);
        if (reason == KeyRefusal.MISSING) {
            return problems.render(
                            request,
                            HttpStatus.UNAUTHORIZED,
                            ProblemCode.MISSING_API_KEY,
                            "Send your API key in the X-API-Key header or as Authorization: Bearer.")
                    .header("WWW-Authenticate", "Bearer realm=\"kycert\"");
        }
        // Only a conflict is explained: it is the client's own request, not a fact about a key. Every
        // other refusal reads the same, so a caller cannot tell a revoked key from an unknown one.
        String detail = reason == KeyRefusal.CONFLICTING_KEYS
                ? "Two different API keys were sent (in X-API-Key and/or Authorization: Bearer); send one key."
                : "The API key is malformed, revoked, inactive, expired or does not exist.";
        return problems.render(request, HttpStatus.UNAUTHORIZED, ProblemCode.INVALID_API_KEY, detail)
                .header("WWW-Authenticate", "Bearer realm=\"kycert\", error=\"invalid_token\"");
    }

    private static List<String> requiredScopes(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request)
                .map(route -> route.getAnnotationMetadata().stringValues(Secured.class))
                .map(Arrays::asList)
                .orElse(List.of());
    }
}

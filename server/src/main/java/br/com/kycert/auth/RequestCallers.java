package br.com.kycert.auth;

import br.com.kycert.keys.KeyRefusal;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import java.util.Optional;

/** Who made a request, as authentication left it on the request: for metrics and logs, never for decisions. */
public final class RequestCallers {

    private RequestCallers() {}

    /** The API key's principal, when the request was authenticated with one. */
    public static Optional<ApiPrincipal> principal(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class)
                .filter(ApiPrincipal::isApiKey)
                .map(ApiPrincipal::of);
    }

    /** Why the request's key was refused ({@link KeyRefusal#MISSING} also for requests that need none). */
    public static Optional<KeyRefusal> refusal(HttpRequest<?> request) {
        return ApiKeyAuthenticationFetcher.refusal(request).map(r -> r.reason());
    }
}

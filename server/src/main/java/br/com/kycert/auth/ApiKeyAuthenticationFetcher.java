package br.com.kycert.auth;

import br.com.kycert.keys.ApiKey;
import br.com.kycert.keys.ApiKeyFormat;
import br.com.kycert.keys.ApiKeyService;
import br.com.kycert.keys.Scope;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reads the API key from {@code X-API-Key} or {@code Authorization: Bearer} (equivalent; both
 * present and different is refused) and turns it into an {@link Authentication} whose roles are the
 * key's scopes in force. When there is no usable key it records why on the request, so the 401
 * says {@code missing_api_key} or {@code invalid_api_key}.
 */
@Singleton
final class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    static final String API_KEY_HEADER = "X-API-Key";
    static final String FAILURE_ATTRIBUTE = "kycert.auth.failure";

    enum Failure { MISSING, INVALID }

    private final ApiKeyService keys;
    private final LastUsedTracker lastUsed;
    private final Scheduler scheduler;

    ApiKeyAuthenticationFetcher(ApiKeyService keys, LastUsedTracker lastUsed,
                                @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.keys = keys;
        this.lastUsed = lastUsed;
        this.scheduler = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String headerKey = blankToNull(request.getHeaders().get(API_KEY_HEADER));
        String bearer = bearer(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (headerKey == null && bearer == null) {
            // No key was presented (no X-API-Key value, no Bearer token): 401 missing_api_key.
            request.setAttribute(FAILURE_ATTRIBUTE, Failure.MISSING);
            return Mono.empty();
        }
        if (headerKey != null && bearer != null && !headerKey.strip().equals(bearer)) {
            request.setAttribute(FAILURE_ATTRIBUTE, Failure.INVALID);
            return Mono.empty();
        }
        String presented = headerKey != null ? headerKey.strip() : bearer;
        // Malformed keys and bad checksums never reach the database.
        if (ApiKeyFormat.parse(presented).isEmpty()) {
            request.setAttribute(FAILURE_ATTRIBUTE, Failure.INVALID);
            return Mono.empty();
        }
        // The lookup is one indexed query; it runs off the event loop.
        return Mono.fromCallable(() -> {
                    var key = keys.authenticate(presented);
                    if (key.isEmpty()) {
                        request.setAttribute(FAILURE_ATTRIBUTE, Failure.INVALID);
                        return null;
                    }
                    lastUsed.touch(key.get().id());
                    return toAuthentication(key.get());
                })
                .subscribeOn(scheduler);
    }

    private static Authentication toAuthentication(ApiKey key) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(ApiPrincipal.TENANT, key.tenantId().toString());
        attributes.put(ApiPrincipal.KEY_NAME, key.name());
        attributes.put(ApiPrincipal.ENVIRONMENT, key.environment().value());
        if (key.subjectType() != null) {
            attributes.put(ApiPrincipal.SUBJECT_TYPE, key.subjectType().value());
        }
        return Authentication.build(
                key.id().toString(), key.effectiveScopes().stream().map(Scope::value).toList(), attributes);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = value.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        // An Authorization header of another scheme carries no kycert key.
        return null;
    }
}

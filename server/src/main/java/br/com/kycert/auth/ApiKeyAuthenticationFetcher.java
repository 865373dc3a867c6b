package br.com.kycert.auth;

import br.com.kycert.keys.ApiKey;
import br.com.kycert.keys.ApiKeyParser;
import br.com.kycert.keys.ApiKeyVerifier;
import br.com.kycert.keys.ApiKeyVerifier.Refused;
import br.com.kycert.keys.ApiKeyVerifier.Verified;
import br.com.kycert.keys.KeyRefusal;
import br.com.kycert.keys.ParsedApiKey;
import br.com.kycert.keys.Scope;
import br.com.kycert.shared.web.RequestIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * API key authentication in three steps: {@link ApiKeyReader} takes the presented key from the
 * headers, {@link ApiKeyParser} checks its format and checksum (no I/O), {@link ApiKeyVerifier}
 * looks it up and checks status, expiry and environment. An accepted key becomes an
 * {@link Authentication} whose roles are its scopes in force; a refused one leaves its
 * {@link KeyRefusal} on the request for the 401 and the audit, and in the log. Only {@code /api/**}:
 * anywhere else a key header is ignored.
 */
@Singleton
final class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    static final String REFUSAL_ATTRIBUTE = "kycert.auth.refusal";

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticationFetcher.class);

    private final ApiKeyVerifier verifier;
    private final LastUsedTracker lastUsed;
    private final Scheduler scheduler;

    ApiKeyAuthenticationFetcher(
            ApiKeyVerifier verifier,
            LastUsedTracker lastUsed,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.verifier = verifier;
        this.lastUsed = lastUsed;
        this.scheduler = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (!isApi(request.getPath())) {
            // Keys authenticate the API only. Elsewhere (dashboard, docs, health) a key header is ignored:
            // not looked up, not counted as the key's last use, not in the audit as an API request.
            return Mono.empty();
        }
        ApiKeyReader.Presented presented = ApiKeyReader.read(request.getHeaders());
        if (presented instanceof ApiKeyReader.None) {
            // Not logged: anonymous requests (health, spec, docs) are normal.
            request.setAttribute(REFUSAL_ATTRIBUTE, new Refused(KeyRefusal.MISSING, null));
            return Mono.empty();
        }
        if (presented instanceof ApiKeyReader.Conflicting) {
            return refuse(request, new Refused(KeyRefusal.CONFLICTING_KEYS, null));
        }
        Optional<ParsedApiKey> parsed = ApiKeyParser.parse(((ApiKeyReader.One) presented).key());
        if (parsed.isEmpty()) {
            return refuse(request, new Refused(KeyRefusal.MALFORMED, null));
        }
        // A key the node's cache remembers is judged right here, on the event loop, with no I/O; any
        // other needs one indexed query, which runs off the event loop.
        Optional<ApiKeyVerifier.Verification> remembered = verifier.verifyInMemory(parsed.get());
        if (remembered.isPresent()) {
            Authentication authentication = accept(request, remembered.get());
            return authentication == null ? Mono.empty() : Mono.just(authentication);
        }
        return Mono.fromCallable(() -> accept(request, verifier.verify(parsed.get())))
                .subscribeOn(scheduler);
    }

    /** The authentication of a verified key; null (the refusal recorded) for a refused one. */
    private Authentication accept(HttpRequest<?> request, ApiKeyVerifier.Verification verification) {
        if (verification instanceof Verified verified) {
            lastUsed.touch(verified.key().id());
            return toAuthentication(verified.key());
        }
        refuse(request, (Refused) verification);
        return null;
    }

    /** {@code /api} and everything under it: the only paths an API key authenticates. */
    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    /** The refusal recorded on a request, if its key was refused (or it had none). */
    static Optional<Refused> refusal(HttpRequest<?> request) {
        return request.getAttribute(REFUSAL_ATTRIBUTE, Refused.class);
    }

    private static Mono<Authentication> refuse(HttpRequest<?> request, Refused refused) {
        request.setAttribute(REFUSAL_ATTRIBUTE, refused);
        if (!refused.reason().concernsAWellFormedKey()) {
            // No key to name: counted by reason (kycert.auth.refusals), one line per request only at debug.
            if (LOG.isDebugEnabled()) {
                LOG.debug(
                        "API key refused: {} on {} {} ({})",
                        refused.reason().value(),
                        request.getMethodName(),
                        request.getPath(),
                        RequestIds.of(request));
            }
            return Mono.empty();
        }
        LOG.info(
                "API key refused: {}{} on {} {} ({})",
                refused.reason().value(),
                refused.knownKey().map(k -> " (key " + k.id() + ")").orElse(""),
                request.getMethodName(),
                request.getPath(),
                RequestIds.of(request));
        return Mono.empty();
    }

    private static Authentication toAuthentication(ApiKey key) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(ApiPrincipal.TENANT, key.tenantId().toString());
        attributes.put(ApiPrincipal.KEY_NAME, key.name());
        attributes.put(ApiPrincipal.ENVIRONMENT, key.environment().value());
        if (key.grant().subjectType() != null) {
            attributes.put(ApiPrincipal.SUBJECT_TYPE, key.grant().subjectType().value());
        }
        return Authentication.build(
                key.id().toString(),
                key.grant().effectiveScopes().stream().map(Scope::value).toList(),
                attributes);
    }
}

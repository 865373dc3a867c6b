package br.com.kycert.auth;

import br.com.kycert.audit.RequestAuditor;
import br.com.kycert.keys.ApiKey;
import br.com.kycert.shared.web.RequestIds;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import java.time.Clock;

/**
 * Puts every authenticated request, whatever its outcome, in the audit trail, and every request
 * refused with 401 for a well-formed key, with the reason it was refused (which the client never
 * sees). Refusals with no key to name (none sent, two different ones, a malformed one) name no tenant,
 * so no tenant's audit could show them, and anyone can send them at line rate: they are only counted
 * by reason ({@code kycert.auth.refusals}, observability), never a database write.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestAuditFilter implements Ordered {

    private final RequestAuditor auditor;
    private final Clock clock;

    RequestAuditFilter(RequestAuditor auditor, Clock clock) {
        this.auditor = auditor;
        this.clock = clock;
    }

    @ResponseFilter
    void audit(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String route = BasicHttpAttributes.getUriTemplate(request).orElse("(no route)");
        var authentication = request.getUserPrincipal(Authentication.class);
        if (authentication.isPresent()) {
            ApiPrincipal principal = ApiPrincipal.of(authentication.get());
            auditor.enqueue(RequestAuditor.Entry.accepted(
                    clock.instant(),
                    new RequestAuditor.Caller(principal.tenantId(), principal.keyId(), principal.keyName()),
                    new RequestAuditor.Exchange(
                            request.getMethodName(), route, response.code(), RequestIds.of(request))));
            return;
        }
        if (response.code() != HttpStatus.UNAUTHORIZED.getCode()) {
            return;
        }
        ApiKeyAuthenticationFetcher.refusal(request).ifPresent(refused -> {
            if (!refused.reason().concernsAWellFormedKey()) {
                return;
            }
            ApiKey key = refused.knownKey().orElse(null);
            auditor.enqueue(RequestAuditor.Entry.refused(
                    clock.instant(),
                    key == null
                            ? RequestAuditor.Caller.UNKNOWN
                            : new RequestAuditor.Caller(key.tenantId(), key.id(), key.name()),
                    new RequestAuditor.Exchange(
                            request.getMethodName(), route, response.code(), RequestIds.of(request)),
                    refused.reason().value()));
        });
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}

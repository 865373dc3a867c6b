package br.com.kycert.auth;

import br.com.kycert.audit.RequestAuditor;
import br.com.kycert.shared.web.RequestIds;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import java.time.Clock;

/** Puts every authenticated request, whatever its outcome, in the audit trail. */
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
        request.getUserPrincipal(Authentication.class).ifPresent(authentication -> {
            ApiPrincipal principal = ApiPrincipal.of(authentication);
            auditor.enqueue(new RequestAuditor.Entry(
                    clock.instant(),
                    principal.tenantId(),
                    principal.keyId(),
                    principal.keyName(),
                    request.getMethodName(),
                    BasicHttpAttributes.getUriTemplate(request).orElse("(no route)"),
                    response.code(),
                    RequestIds.of(request)));
        });
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}

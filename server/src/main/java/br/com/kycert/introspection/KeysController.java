package br.com.kycert.introspection;

import br.com.kycert.api.KeysApi;
import br.com.kycert.api.model.ApiKeyInfo;
import br.com.kycert.api.model.ApiKeyInfoObject;
import br.com.kycert.api.model.ApiKeyInfoStatus;
import br.com.kycert.api.model.ApiKeyInfoSubjectType;
import br.com.kycert.api.model.ApiVersion;
import br.com.kycert.api.model.Environment;
import br.com.kycert.api.model.RateLimitInfo;
import br.com.kycert.auth.ApiPrincipal;
import br.com.kycert.keys.ApiKey;
import br.com.kycert.keys.ApiKeyService;
import br.com.kycert.keys.Scope;
import br.com.kycert.ratelimits.RateLimitPolicy;
import br.com.kycert.ratelimits.RateLimiter;
import br.com.kycert.shared.jdbc.Sql;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.utils.SecurityService;
import java.util.List;

/** {@code GET /api/v1/keys/me}: the calling key describes itself, never with its secret. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class KeysController implements KeysApi {

    private final ApiKeyService keys;
    private final SecurityService security;
    private final RateLimiter limiter;

    KeysController(ApiKeyService keys, SecurityService security, RateLimiter limiter) {
        this.keys = keys;
        this.security = security;
        this.limiter = limiter;
    }

    @Override
    public HttpResponse<ApiKeyInfo> getCurrentKey(ApiVersion version) {
        ApiPrincipal caller = ApiPrincipal.of(security.getAuthentication().orElseThrow());
        // Authentication found this key usable a moment ago; it is read again for the fields the principal lacks.
        ApiKey key = keys.find(caller.tenantId(), caller.keyId()).orElseThrow();
        RateLimiter.Outcome quota = limiter.peek(caller);
        return HttpResponse.ok(new ApiKeyInfo(
                key.id(),
                ApiKeyInfoObject.API_KEY,
                key.name(),
                Environment.fromValue(key.environment().value()),
                key.grant().scopes().stream().map(Scope::value).toList(),
                List.copyOf(caller.scopes()),
                key.grant().subjectType() == null
                        ? null
                        : ApiKeyInfoSubjectType.fromValue(
                                key.grant().subjectType().value()),
                ApiKeyInfoStatus.ACTIVE,
                key.last4(),
                Sql.utc(key.lifecycle().expiresAt()),
                Sql.utc(key.lifecycle().createdAt()),
                new RateLimitInfo(
                        quota.policy().perKey(), quota.policy().perTenant(), RateLimitPolicy.WINDOW_SECONDS, (int)
                                quota.keyRemaining())));
    }
}

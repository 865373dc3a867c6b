package br.com.kycert.dashboard;

import br.com.kycert.audit.AuditKind;
import br.com.kycert.audit.AuditQueryService;
import br.com.kycert.keys.ApiKey;
import br.com.kycert.keys.ApiKeyService;
import br.com.kycert.shared.DomainException;
import br.com.kycert.users.Permission;
import br.com.kycert.users.SignedIn;
import br.com.kycert.users.UserService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Audit log page: the tenant's entries newest first, filtered by key (named) and by kind, paged
 * with the API's opaque cursors. A key id that is not one of the tenant's is the 404 page, as a
 * missing one.
 */
@Controller("/dashboard/audit")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AuditLogController {

    static final int PAGE_SIZE = 25;

    private final AuditQueryService audit;
    private final ApiKeyService keys;
    private final Acting acting;
    private final Pages pages;

    AuditLogController(AuditQueryService audit, ApiKeyService keys, Acting acting, Pages pages) {
        this.audit = audit;
        this.keys = keys;
        this.acting = acting;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> list(
            HttpRequest<?> request,
            @Nullable @QueryValue String key,
            @Nullable @QueryValue String kind,
            @Nullable @QueryValue String cursor) {
        Optional<SignedIn> me = acting.of(request);
        if (me.isEmpty()) {
            return Pages.seeOther("/dashboard/sign-in");
        }
        if (!(me.get() instanceof SignedIn.Member member)) {
            return pages.error(request, HttpStatus.FORBIDDEN, "forbidden");
        }
        try {
            UserService.require(member, Permission.READ);
            List<ApiKey> tenantKeys = keys.list(member.tenantId());
            UUID keyId = null;
            if (key != null && !key.isBlank()) {
                Optional<UUID> parsed = Acting.uuid(key.strip());
                if (parsed.isEmpty() || tenantKeys.stream().noneMatch(k -> k.id().equals(parsed.get()))) {
                    return acting.notFound(request);
                }
                keyId = parsed.get();
            }
            AuditKind chosen = kind == null || kind.isBlank() ? null : AuditKind.parse(kind.strip());
            AuditQueryService.Page page =
                    audit.list(member.tenantId(), new AuditQueryService.Filter(keyId, chosen), cursor, PAGE_SIZE);
            Map<String, Object> model = new HashMap<>();
            model.put("nav", "audit");
            model.put("entries", page.data());
            model.put("nextCursor", page.nextCursor());
            model.put("keys", tenantKeys);
            model.put("key", keyId == null ? "" : keyId.toString());
            model.put("kind", chosen == null ? "" : chosen.value());
            model.put(
                    "kinds",
                    Arrays.stream(AuditKind.values()).map(AuditKind::value).toList());
            model.put("firstPage", cursor == null || cursor.isBlank());
            return pages.render(request, "audit", model);
        } catch (DomainException e) {
            // A bad kind or a cursor that is not ours: a 400 page, never a 500.
            return e.kind() == DomainException.Kind.INVALID
                    ? pages.error(request, HttpStatus.BAD_REQUEST, "other")
                    : acting.refused(request, e);
        }
    }
}

package br.com.kycert.dashboard;

import br.com.kycert.approvals.DetailApprovalService;
import br.com.kycert.shared.DomainException;
import br.com.kycert.users.Permission;
import br.com.kycert.users.SignedIn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kycert's support console: find a tenant by name or id, grant or withdraw its {@code detail:read}
 * approval with a reason. Support staff only: tenant staff get the 403 page, whatever their role.
 */
@Controller("/dashboard/support")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SupportConsoleController {

    private final DetailApprovalService approvals;
    private final Acting acting;
    private final Pages pages;

    SupportConsoleController(DetailApprovalService approvals, Acting acting, Pages pages) {
        this.approvals = approvals;
        this.acting = acting;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> console(HttpRequest<?> request, @Nullable @QueryValue String q) {
        Optional<SignedIn> me = acting.of(request);
        if (me.isEmpty()) {
            return Pages.seeOther("/dashboard/sign-in");
        }
        try {
            var found = q == null ? List.of() : approvals.find(me.get(), q);
            if (q == null && !me.get().may(Permission.DECIDE_DETAIL_ACCESS)) {
                return pages.error(request, HttpStatus.FORBIDDEN, "forbidden");
            }
            return page(request, HttpStatus.OK, q, found, Map.of());
        } catch (DomainException e) {
            return acting.refused(request, e);
        }
    }

    @Post("/tenants/{id}/detail-access")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> decide(HttpRequest<?> request, @PathVariable String id) {
        Optional<SignedIn> me = acting.of(request);
        if (me.isEmpty()) {
            return Pages.seeOther("/dashboard/sign-in");
        }
        if (!me.get().may(Permission.DECIDE_DETAIL_ACCESS)) {
            return pages.error(request, HttpStatus.FORBIDDEN, "forbidden");
        }
        var tenantId = Acting.uuid(id);
        if (tenantId.isEmpty()) {
            return acting.notFound(request);
        }
        FormData form = DashboardRequests.form(request);
        String decision = form.get("decision").orElse("");
        if (!decision.equals("grant") && !decision.equals("withdraw")) {
            return pages.error(request, HttpStatus.BAD_REQUEST, "other");
        }
        try {
            var tenant = approvals.decide(
                    me.get(),
                    tenantId.get(),
                    decision.equals("grant"),
                    form.get("reason").orElse(null));
            return Pages.seeOther(
                    "/dashboard/support?q=" + URLEncoder.encode(tenant.id().toString(), StandardCharsets.UTF_8));
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.INVALID) {
                var tenant = approvals.tenant(me.get(), tenantId.get());
                return page(
                        request,
                        HttpStatus.UNPROCESSABLE_ENTITY,
                        tenant.id().toString(),
                        List.of(tenant),
                        Map.of("formError", "reason." + e.violation().name().toLowerCase(), "formTenant", tenant.id()));
            }
            return acting.refused(request, e);
        }
    }

    private HttpResponse<?> page(
            HttpRequest<?> request, HttpStatus status, String q, List<?> tenants, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("nav", "support");
        model.put("q", q == null ? "" : q);
        model.put("searched", q != null);
        model.put("tenants", tenants);
        return pages.render(request, status, "support", model);
    }
}

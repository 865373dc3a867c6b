package br.com.kycert.dashboard;

import br.com.kycert.shared.DomainException;
import br.com.kycert.users.Permission;
import br.com.kycert.users.SignedIn;
import br.com.kycert.users.UserService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings → Security: whether the tenant requires a TOTP second factor of every member. Everyone
 * reads it; only an owner changes it (re-checked by {@link UserService}: anyone else's forged POST
 * gets the 403 page). Once required, a member without TOTP is sent to set it up before anything else.
 */
@Controller(SecuritySettingsController.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SecuritySettingsController {

    static final String PATH = "/dashboard/settings/security";

    private final UserService users;
    private final Acting acting;
    private final Pages pages;

    SecuritySettingsController(UserService users, Acting acting, Pages pages) {
        this.users = users;
        this.acting = acting;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> show(HttpRequest<?> request) {
        Optional<SignedIn.Member> me = member(request);
        if (me.isEmpty()) {
            return pages.error(request, HttpStatus.FORBIDDEN, "forbidden");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("nav", "settings");
        model.put("totpRequired", users.totpRequired(me.get().tenantId()));
        model.put("mayChange", me.get().may(Permission.MANAGE_SECURITY));
        return pages.render(request, "security", model);
    }

    @Post("/totp")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> requireTotp(HttpRequest<?> request) {
        Optional<SignedIn.Member> me = member(request);
        if (me.isEmpty()) {
            return pages.error(request, HttpStatus.FORBIDDEN, "forbidden");
        }
        String required = DashboardRequests.form(request).get("required").orElse("");
        if (!required.equals("true") && !required.equals("false")) {
            return pages.error(request, HttpStatus.BAD_REQUEST, "other");
        }
        try {
            users.setTotpRequired(me.get(), required.equals("true"));
        } catch (DomainException e) {
            return acting.refused(request, e);
        }
        // The gate re-reads the account on the next request: an owner without TOTP is sent to set it up.
        return Pages.seeOther(PATH);
    }

    private Optional<SignedIn.Member> member(HttpRequest<?> request) {
        return acting.of(request).filter(p -> p instanceof SignedIn.Member).map(p -> (SignedIn.Member) p);
    }
}

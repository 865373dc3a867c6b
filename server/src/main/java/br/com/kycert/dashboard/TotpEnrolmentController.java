package br.com.kycert.dashboard;

import br.com.kycert.shared.DomainException;
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

/**
 * Setting up the TOTP second factor: a new secret to type or paste into an authenticator app, then a
 * code from it to confirm. Members of a tenant that requires TOTP land here before anything else.
 */
@Controller(DashboardGate.TOTP_ENROLMENT_PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class TotpEnrolmentController {

    private final UserService users;
    private final Pages pages;

    TotpEnrolmentController(UserService users, Pages pages) {
        this.users = users;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> begin(HttpRequest<?> request) {
        return page(request, HttpStatus.OK, null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> confirm(HttpRequest<?> request) {
        DashboardSession session = DashboardRequests.requireSession(request);
        String code = DashboardRequests.form(request).get("code").orElse("").replace(" ", "");
        try {
            users.confirmTotpEnrolment(session.user(), code);
        } catch (DomainException e) {
            return page(request, HttpStatus.UNPROCESSABLE_ENTITY, "totp.code_invalid");
        }
        return Pages.seeOther("/dashboard");
    }

    private HttpResponse<?> page(HttpRequest<?> request, HttpStatus status, String error) {
        DashboardSession session = DashboardRequests.requireSession(request);
        UserService.TotpEnrolment enrolment = users.beginTotpEnrolment(session.user());
        Map<String, Object> model = new HashMap<>();
        model.put("secret", enrolment.secretBase32());
        model.put("uri", enrolment.otpauthUri());
        model.put("required", !session.isSupport() && session.member().totpEnrolmentRequired());
        if (error != null) {
            model.put("error", error);
        }
        return pages.render(request, status, "totp", model);
    }
}

package br.com.kycert.dashboard;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** Sign-out: the session is revoked server-side, so a copied cookie is worthless afterwards. */
@Controller("/dashboard/sign-out")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SignOutController {

    private final SessionService sessions;

    SignOutController(SessionService sessions) {
        this.sessions = sessions;
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> signOut(HttpRequest<?> request) {
        DashboardSession session = DashboardRequests.requireSession(request);
        sessions.end(session.id());
        return Pages.seeOther(DashboardGate.SIGN_IN_PATH)
                .cookie(DashboardCookies.cleared(request, DashboardCookies.SESSION));
    }
}

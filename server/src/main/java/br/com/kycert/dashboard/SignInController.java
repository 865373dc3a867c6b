package br.com.kycert.dashboard;

import br.com.kycert.users.SignInResult;
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
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Sign-in by e-mail and password, then a TOTP code when the account has one. Unknown e-mail and wrong
 * password get one and the same page (the account service makes them cost the same too); a lockout
 * says when to try again and nothing else.
 */
@Controller(DashboardGate.SIGN_IN_PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SignInController {

    private static final Duration SIGN_IN_COOKIE_LIFETIME = Duration.ofMinutes(30);

    private final UserService users;
    private final SessionService sessions;
    private final SignInChallenge challenges;
    private final Pages pages;

    SignInController(UserService users, SessionService sessions, SignInChallenge challenges, Pages pages) {
        this.users = users;
        this.sessions = sessions;
        this.challenges = challenges;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> form(HttpRequest<?> request) {
        if (DashboardRequests.session(request).isPresent()) {
            return Pages.seeOther("/dashboard");
        }
        return passwordStep(request, HttpStatus.OK, null, "");
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> signIn(HttpRequest<?> request) {
        FormData form = DashboardRequests.form(request);
        String email = form.get("email").orElse("");
        char[] password = form.all("password").stream().findFirst().orElse("").toCharArray();
        try {
            return answer(request, email, password, null);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Post("/totp")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> totp(HttpRequest<?> request) {
        FormData form = DashboardRequests.form(request);
        String browser = request.getCookies()
                .findCookie(DashboardCookies.SIGN_IN)
                .map(c -> c.getValue())
                .orElse(null);
        var credentials = challenges.open(form.get("challenge").orElse(null), browser);
        if (credentials.isEmpty()) {
            // Expired or tampered: start again, without saying more.
            return passwordStep(request, HttpStatus.UNAUTHORIZED, "sign_in.expired", "");
        }
        char[] password = credentials.get().password();
        try {
            String code = form.get("code").orElse("").replace(" ", "");
            return answer(request, credentials.get().email(), password, code.isEmpty() ? null : code);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private HttpResponse<?> answer(HttpRequest<?> request, String email, char[] password, String code) {
        SignInResult result = users.signIn(email, password, code, clientAddress(request));
        if (result instanceof SignInResult.Success success) {
            return signedIn(request, success.principal());
        }
        SignInResult.Refused refused = (SignInResult.Refused) result;
        return switch (refused.reason()) {
            case BAD_CREDENTIALS -> passwordStep(request, HttpStatus.UNAUTHORIZED, "sign_in.bad_credentials", email);
            case LOCKED -> {
                var model = passwordModel(request, "sign_in.locked", email);
                model.put(
                        "retryAt",
                        DateTimeFormatter.ofPattern("HH:mm")
                                .format(refused.retryAfter().atZone(ZoneId.of("America/Sao_Paulo"))));
                yield withSignInCookie(
                        request, pages.render(request, HttpStatus.TOO_MANY_REQUESTS, "sign-in", model), (String)
                                model.get("csrf"));
            }
            case TOTP_REQUIRED -> totpStep(request, HttpStatus.OK, null, email, password);
            case TOTP_WRONG -> totpStep(request, HttpStatus.UNAUTHORIZED, "sign_in.totp_wrong", email, password);
        };
    }

    private HttpResponse<?> signedIn(HttpRequest<?> request, SignedIn user) {
        SessionService.Started started = sessions.start(user);
        String next = user instanceof SignedIn.Member m && m.totpEnrolmentRequired()
                ? DashboardGate.TOTP_ENROLMENT_PATH
                : "/dashboard";
        return Pages.seeOther(next)
                .cookie(DashboardCookies.strict(
                        request, DashboardCookies.SESSION, started.token(), sessions.absoluteTimeout()))
                .cookie(DashboardCookies.cleared(request, DashboardCookies.SIGN_IN));
    }

    private HttpResponse<?> passwordStep(HttpRequest<?> request, HttpStatus status, String error, String email) {
        var model = passwordModel(request, error, email);
        return withSignInCookie(request, pages.render(request, status, "sign-in", model), (String) model.get("csrf"));
    }

    private Map<String, Object> passwordModel(HttpRequest<?> request, String error, String email) {
        Map<String, Object> model = new HashMap<>();
        model.put("step", "password");
        model.put("csrf", signInToken(request));
        model.put("email", email);
        if (error != null) {
            model.put("error", error);
        }
        return model;
    }

    private HttpResponse<?> totpStep(
            HttpRequest<?> request, HttpStatus status, String error, String email, char[] password) {
        String browser = signInToken(request);
        Map<String, Object> model = new HashMap<>();
        model.put("step", "totp");
        model.put("csrf", browser);
        model.put("challenge", challenges.seal(email, password, browser));
        if (error != null) {
            model.put("error", error);
        }
        return withSignInCookie(request, pages.render(request, status, "sign-in", model), browser);
    }

    /** The browser's sign-in token: kept while it has one, so a second tab's form stays valid. */
    private static String signInToken(HttpRequest<?> request) {
        return request.getCookies()
                .findCookie(DashboardCookies.SIGN_IN)
                .map(c -> c.getValue())
                .filter(v -> v.length() == 43)
                .orElseGet(SessionService::randomToken);
    }

    private static HttpResponse<?> withSignInCookie(
            HttpRequest<?> request, io.micronaut.http.MutableHttpResponse<?> page, String token) {
        return page.cookie(DashboardCookies.strict(request, DashboardCookies.SIGN_IN, token, SIGN_IN_COOKIE_LIFETIME));
    }

    private static String clientAddress(HttpRequest<?> request) {
        var address = request.getRemoteAddress();
        return address == null || address.getAddress() == null
                ? null
                : address.getAddress().getHostAddress();
    }
}

package br.com.kycert.dashboard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The door of every dashboard request. Resumes the session from its cookie; sends anyone without one
 * to the sign-in page; and refuses, with a 403 page, every state-changing request whose form does not
 * carry the session's CSRF token (or, on the sign-in form, the double-submitted sign-in token). Only
 * {@code /dashboard} is behind it: the API keeps its own API-key authentication.
 */
@ServerFilter({"/dashboard", "/dashboard/**"})
final class DashboardGate implements Ordered {

    static final String CSRF_FIELD = "_csrf";
    static final String SIGN_IN_PATH = "/dashboard/sign-in";
    static final String TOTP_ENROLMENT_PATH = "/dashboard/account/totp";
    static final String SUPPORT_PATH = "/dashboard/support";
    /** Where every signed-in account may go, whatever it is. */
    private static final Set<String> ANY_ACCOUNT_PATHS =
            Set.of("/dashboard", "/dashboard/sign-out", "/dashboard/language");

    private static final Set<String> OPEN_PATHS = Set.of(SIGN_IN_PATH, SIGN_IN_PATH + "/totp", "/dashboard/language");
    private static final String ASSETS = "/dashboard/assets/";
    // The server refuses bodies over micronaut.server.max-request-size anyway; forms are far smaller.
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final SessionService sessions;
    private final Pages pages;

    DashboardGate(SessionService sessions, Pages pages) {
        this.sessions = sessions;
        this.pages = pages;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> admit(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.startsWith(ASSETS)) {
            return null;
        }
        Optional<DashboardSession> session = request.getCookies()
                .findCookie(DashboardCookies.SESSION)
                .flatMap(cookie -> sessions.resume(cookie.getValue()));
        session.ifPresent(s -> request.setAttribute(DashboardRequests.SESSION, s));
        boolean open = OPEN_PATHS.contains(path);

        if (changesState(request.getMethod())) {
            FormData form = readForm(request);
            request.setAttribute(DashboardRequests.FORM, form);
            String presented = form.get(CSRF_FIELD).orElse(null);
            String expected = session.map(DashboardSession::csrfToken)
                    .or(() -> open
                            ? request.getCookies()
                                    .findCookie(DashboardCookies.SIGN_IN)
                                    .map(c -> c.getValue())
                            : Optional.empty())
                    .orElse(null);
            if (!SessionService.sameToken(expected, presented)) {
                if (session.isEmpty() && !open) {
                    // An expired session posting a form: sign in again rather than a scary 403.
                    return Pages.seeOther(SIGN_IN_PATH);
                }
                return pages.error(request, HttpStatus.FORBIDDEN, "csrf");
            }
        }
        if (session.isEmpty()) {
            return open ? null : Pages.seeOther(SIGN_IN_PATH);
        }
        return placeOf(request, session.get(), path);
    }

    /**
     * Support staff see only the support console; members never see it; a member whose tenant
     * requires TOTP enrols before anything else.
     */
    @Nullable
    private HttpResponse<?> placeOf(HttpRequest<?> request, DashboardSession session, String path) {
        if (ANY_ACCOUNT_PATHS.contains(path) || path.equals(SIGN_IN_PATH)) {
            return null;
        }
        boolean support = path.equals(SUPPORT_PATH) || path.startsWith(SUPPORT_PATH + "/");
        if (session.isSupport() != support) {
            return pages.error(request, HttpStatus.FORBIDDEN, "forbidden");
        }
        if (!session.isSupport() && session.member().totpEnrolmentRequired() && !path.equals(TOTP_ENROLMENT_PATH)) {
            return Pages.seeOther(TOTP_ENROLMENT_PATH);
        }
        return null;
    }

    private static boolean changesState(HttpMethod method) {
        return method != HttpMethod.GET
                && method != HttpMethod.HEAD
                && method != HttpMethod.OPTIONS
                && method != HttpMethod.TRACE;
    }

    private static FormData readForm(HttpRequest<?> request) {
        String type = request.getHeaders().get("Content-Type");
        if (type == null
                || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                || !(request instanceof ServerHttpRequest<?> server)) {
            return FormData.EMPTY;
        }
        // Our own copy of the body; the route still gets the original.
        try (CloseableByteBody copy = server.byteBody()
                        .split(ByteBody.SplitBackpressureMode.FASTEST)
                        .allowDiscard();
                InputStream in = copy.toInputStream()) {
            byte[] bytes = in.readNBytes(MAX_FORM_BYTES + 1);
            if (bytes.length > MAX_FORM_BYTES) {
                return FormData.EMPTY;
            }
            return FormData.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return FormData.EMPTY;
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 20;
    }
}

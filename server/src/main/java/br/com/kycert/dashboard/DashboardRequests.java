package br.com.kycert.dashboard;

import io.micronaut.http.HttpRequest;
import java.util.Optional;

/**
 * What {@link DashboardGate} found out about a dashboard request: the signed-in user (if any) and the
 * form it posted. Pages read them from here, never from the request itself.
 */
public final class DashboardRequests {

    static final String SESSION = "kycert.dashboard.session";
    static final String FORM = "kycert.dashboard.form";

    private DashboardRequests() {}

    /** The signed-in user; present on every page except sign-in (the gate redirects otherwise). */
    public static Optional<DashboardSession> session(HttpRequest<?> request) {
        return request.getAttribute(SESSION, DashboardSession.class);
    }

    /** The signed-in user of a page that requires one (the gate guarantees it). */
    public static DashboardSession requireSession(HttpRequest<?> request) {
        return session(request).orElseThrow(() -> new IllegalStateException("dashboard page without a session"));
    }

    /** The posted form, already checked for its CSRF token. */
    public static FormData form(HttpRequest<?> request) {
        return request.getAttribute(FORM, FormData.class).orElse(FormData.EMPTY);
    }
}

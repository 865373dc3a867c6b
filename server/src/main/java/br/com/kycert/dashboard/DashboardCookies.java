package br.com.kycert.dashboard;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.time.Duration;

/** The dashboard's cookies: HttpOnly, SameSite=Strict, Secure whenever the browser reached us over TLS. */
final class DashboardCookies {

    static final String SESSION = "kycert_session";
    /** Double-submit token for the sign-in form, before any session exists. */
    static final String SIGN_IN = "kycert_sign_in";

    private DashboardCookies() {}

    static Cookie strict(HttpRequest<?> request, String name, String value, Duration maxAge) {
        return Cookie.of(name, value)
                .path("/dashboard")
                .httpOnly(true)
                .sameSite(SameSite.Strict)
                .secure(overTls(request))
                .maxAge(maxAge);
    }

    static Cookie cleared(HttpRequest<?> request, String name) {
        return strict(request, name, "", Duration.ZERO);
    }

    /** TLS at this server, or at the proxy in front of it ({@code X-Forwarded-Proto: https}). */
    static boolean overTls(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        String forwarded = request.getHeaders().get("X-Forwarded-Proto");
        return forwarded != null && forwarded.strip().equalsIgnoreCase("https");
    }
}

package br.com.kycert.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.audit.RequestAuditor;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import br.com.kycert.users.Role;
import br.com.kycert.users.UserService;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's door over real HTTP: sessions from cookies, sign-in redirects, CSRF on every
 * change, security headers, HTML error pages, languages, and the API left exactly as it was.
 */
class DashboardGateIT {

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static Fixtures fixtures;
    static Fixtures.Tenant tenant;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db);
        http = server.http();
        fixtures = new Fixtures(server, db);
        tenant = fixtures.tenant("Corretora Gate");
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static SessionService.Started signIn(String role) {
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@gate.example";
        var user = DashboardClient.member(server, tenant.id(), email, Role.parse(role, "role"));
        return server.bean(SessionService.class)
                .start(server.bean(UserService.class).current(user.id()).orElseThrow());
    }

    private static String cookie(SessionService.Started s) {
        return DashboardCookies.SESSION + "=" + s.token();
    }

    @Test
    void withoutASessionEveryPageSendsToSignIn() {
        for (String path : new String[] {"/dashboard", "/dashboard/settings", "/dashboard/settings/developer"}) {
            Http.Response page = http.get(path);
            assertThat(page.status()).as(path).isEqualTo(303);
            assertThat(page.header("location")).as(path).contains("/dashboard/sign-in");
            assertSecurityHeaders(page);
        }
        Http.Response forged =
                http.get("/dashboard", "Cookie", DashboardCookies.SESSION + "=" + SessionService.randomToken());
        assertThat(forged.status()).isEqualTo(303);
    }

    @Test
    void aSessionCookieOpensTheDashboardWithTheSecurityHeaders() {
        var s = signIn("owner");
        Http.Response page = http.get("/dashboard", "Cookie", cookie(s), "Accept-Language", "en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains(s.session().email(), "Corretora Gate", "Settings", "Audit log", "Members");
        assertSecurityHeaders(page);
        assertThat(page.header("cache-control")).hasValue("no-store");
        // Settings → Developer → API Keys, as links a user can follow.
        assertThat(http.get("/dashboard/settings", "Cookie", cookie(s)).body())
                .contains("href=\"/dashboard/settings/developer\"");
        assertThat(http.get("/dashboard/settings/developer", "Cookie", cookie(s))
                        .body())
                .contains("href=\"/dashboard/settings/developer/api-keys\"");
    }

    @Test
    void aStateChangingRequestWithoutTheCsrfTokenIsRefusedWithA403Page() {
        var s = signIn("owner");
        Http.Response none = http.send(
                "POST",
                "/dashboard/sign-out",
                "",
                "Cookie",
                cookie(s),
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Accept-Language",
                "en");
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.contentType()).startsWith("text/html");
        assertThat(none.body()).contains("Request refused");
        assertSecurityHeaders(none);
        Http.Response wrong = http.send(
                "POST",
                "/dashboard/sign-out",
                "_csrf=" + SessionService.randomToken(),
                "Cookie",
                cookie(s),
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(wrong.status()).isEqualTo(403);
        Http.Response json = http.send(
                "POST",
                "/dashboard/sign-out",
                "{\"_csrf\":\"" + s.session().csrfToken() + "\"}",
                "Cookie",
                cookie(s),
                "Content-Type",
                "application/json");
        assertThat(json.status()).as("the token only counts in the form").isEqualTo(403);
        // The session survived all three attempts.
        assertThat(http.get("/dashboard", "Cookie", cookie(s)).status()).isEqualTo(200);
    }

    @Test
    void anotherSessionsTokenDoesNotCount() {
        var mine = signIn("owner");
        var theirs = signIn("admin");
        Http.Response page = http.send(
                "POST",
                "/dashboard/sign-out",
                "_csrf=" + theirs.session().csrfToken(),
                "Cookie",
                cookie(mine),
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(page.status()).isEqualTo(403);
    }

    @Test
    void signOutRevokesTheSessionServerSide() {
        var s = signIn("developer");
        Http.Response out = http.send(
                "POST",
                "/dashboard/sign-out",
                "_csrf=" + s.session().csrfToken(),
                "Cookie",
                cookie(s),
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("location")).hasValue("/dashboard/sign-in");
        assertThat(out.headers().allValues("set-cookie"))
                .anySatisfy(c ->
                        assertThat(c).startsWith(DashboardCookies.SESSION + "=").containsIgnoringCase("Max-Age=0"));
        assertThat(http.get("/dashboard", "Cookie", cookie(s)).status())
                .as("the old cookie is worthless")
                .isEqualTo(303);
        assertThat(fixtures.count(
                        "select count(*) from dashboard_sessions where id = ? and revoked_reason = 'signed_out'",
                        s.session().id()))
                .isEqualTo(1);
    }

    @Test
    void revokingAUsersSessionsSignsThemOutOnTheNextRequest() {
        var one = signIn("admin");
        var two = server.bean(SessionService.class).start(one.session().user());
        UUID user = one.session().user().userId();
        assertThat(server.bean(SessionService.class).revokeAllOf(user, "role_changed"))
                .isEqualTo(2);
        assertThat(http.get("/dashboard", "Cookie", cookie(one)).status()).isEqualTo(303);
        assertThat(http.get("/dashboard", "Cookie", cookie(two)).status()).isEqualTo(303);
    }

    @Test
    void idleAndAbsoluteExpiryEndASession() {
        var idle = signIn("viewer");
        fixtures.sql(
                "update dashboard_sessions set last_seen_at = ? where id = ?",
                Instant.now().minusSeconds(31 * 60),
                idle.session().id());
        assertThat(http.get("/dashboard", "Cookie", cookie(idle)).status()).isEqualTo(303);
        var old = signIn("viewer");
        fixtures.sql(
                "update dashboard_sessions set expires_at = ? where id = ?",
                Instant.now().minusSeconds(1),
                old.session().id());
        assertThat(http.get("/dashboard", "Cookie", cookie(old)).status()).isEqualTo(303);
    }

    @Test
    void onlyTheTokensDigestIsStored() {
        var s = signIn("owner");
        assertThat(fixtures.count(
                        "select count(*) from dashboard_sessions where token_digest = ?",
                        SessionService.digest(s.token())))
                .isEqualTo(1);
        assertThat(fixtures.count(
                        "select count(*) from dashboard_sessions where encode(token_digest, 'escape') like ?"
                                + " or csrf_token = ?",
                        "%" + s.token() + "%",
                        s.token()))
                .isZero();
    }

    @Test
    void unknownDashboardPagesAreAnHtml404() {
        var s = signIn("owner");
        Http.Response page = http.get("/dashboard/no-such-page", "Cookie", cookie(s), "Accept-Language", "en");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("Not found").doesNotContain("route_not_found");
        assertSecurityHeaders(page);
    }

    @Test
    void theLanguageFollowsAcceptLanguageAndTheSwitch() {
        var s = signIn("owner");
        assertThat(http.get("/dashboard", "Cookie", cookie(s), "Accept-Language", "en-US,en;q=0.9")
                        .body())
                .contains("lang=\"en\"", "Settings");
        assertThat(http.get("/dashboard", "Cookie", cookie(s), "Accept-Language", "pt-BR,pt;q=0.9")
                        .body())
                .contains("lang=\"pt-BR\"", "Configurações");
        Http.Response sw = http.get("/dashboard/language?lang=pt-BR&next=/dashboard/settings", "Cookie", cookie(s));
        assertThat(sw.status()).isEqualTo(303);
        assertThat(sw.header("location")).hasValue("/dashboard/settings");
        String langCookie = sw.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith(DashboardLocales.COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertThat(langCookie).startsWith(DashboardLocales.COOKIE + "=pt-BR");
        assertThat(http.get(
                                "/dashboard/settings",
                                "Cookie",
                                cookie(s) + "; " + DashboardLocales.COOKIE + "=pt-BR",
                                "Accept-Language",
                                "en")
                        .body())
                .contains("Configurações");
        assertThat(http.get("/dashboard/language?lang=en&next=https://evil.example/", "Cookie", cookie(s))
                        .header("location"))
                .as("never an open redirect")
                .hasValue("/dashboard");
    }

    @Test
    void staticAssetsAreServedFromTheJar() {
        Http.Response css = http.get("/dashboard/assets/dashboard.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        Http.Response js = http.get("/dashboard/assets/dashboard.js");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("x-content-type-options")).hasValue("nosniff");
    }

    @Test
    void theApiKeepsItsOwnAuthenticationAndProblems() {
        var s = signIn("owner");
        Http.Response api = http.get("/api/v1/bureau/runs", "Cookie", cookie(s));
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(api.code()).isEqualTo("missing_api_key");
        assertThat(api.header("content-security-policy")).isEmpty();
        var key = fixtures.key(tenant, "runs:read");
        Http.Response ok = http.get("/api/v1/bureau/runs", "X-API-Key", key.secret(), "Cookie", cookie(s));
        assertThat(ok.status()).isEqualTo(200);
        Http.Response keyOnDashboard = http.get("/dashboard", "X-API-Key", key.secret());
        assertThat(keyOnDashboard.status())
                .as("an API key signs no one in to the dashboard")
                .isEqualTo(303);
        // Nor is it looked up there: a key header on a dashboard page (or the docs) is no API request of the key's,
        // and a refused one is no refusal either.
        var unused = fixtures.key(tenant, "runs:read");
        assertThat(http.get("/dashboard/settings", "X-API-Key", unused.secret(), "Cookie", cookie(s))
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/dashboard/sign-in", "X-API-Key", "sk_test_not-a-key")
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/docs/", "X-API-Key", unused.secret()).status()).isLessThan(400);
        server.bean(RequestAuditor.class).flush();
        assertThat(fixtures.count(
                        "select count(*) from audit_log where action like 'api.request%' and key_id = ?", unused.id()))
                .isZero();
        assertThat(fixtures.count(
                        "select count(*) from audit_log where action like 'api.request%' and route not like '/api/%'"))
                .isZero();
    }

    static void assertSecurityHeaders(Http.Response page) {
        String csp = page.header("content-security-policy").orElseThrow();
        assertThat(csp).contains("frame-ancestors 'none'", "script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.header("referrer-policy")).hasValue("same-origin");
        assertThat(page.header("x-content-type-options")).hasValue("nosniff");
    }
}

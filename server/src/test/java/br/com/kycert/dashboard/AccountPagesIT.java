package br.com.kycert.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.audit.RequestAuditor;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import br.com.kycert.tenants.TenantService;
import br.com.kycert.users.Role;
import br.com.kycert.users.User;
import br.com.kycert.users.UserService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Members, Audit log and Support console pages over real HTTP: roles, isolation, server-side refusals. */
class AccountPagesIT {

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static Fixtures fixtures;
    static UserService users;
    static Fixtures.Tenant tenant;
    static Fixtures.Tenant other;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db);
        http = server.http();
        fixtures = new Fixtures(server, db);
        users = server.bean(UserService.class);
        tenant = fixtures.tenant("Corretora Páginas");
        other = fixtures.tenant("Corretora Vizinha");
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    record Browser(SessionService.Started session) {
        String cookie() {
            return DashboardCookies.SESSION + "=" + session.token();
        }

        Http.Response get(String path) {
            return http.get(path, "Cookie", cookie(), "Accept-Language", "en");
        }

        Http.Response post(String path, String form) {
            String body = "_csrf=" + session.session().csrfToken() + (form.isEmpty() ? "" : "&" + form);
            return http.send(
                    "POST",
                    path,
                    body,
                    "Cookie",
                    cookie(),
                    "Content-Type",
                    "application/x-www-form-urlencoded",
                    "Accept-Language",
                    "en");
        }
    }

    static User member(Fixtures.Tenant t, Role role) {
        return users.createMember(
                t.id(),
                role.value() + "+" + UUID.randomUUID().toString().substring(0, 6) + "@x.com.br",
                role,
                "a long password".toCharArray(),
                "test");
    }

    static Browser as(User user) {
        return new Browser(
                server.bean(SessionService.class).start(users.current(user.id()).orElseThrow()));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void ownersManageMembersViewersOnlyReadAndForgedPostsAreRefused() {
        User owner = member(tenant, Role.OWNER);
        User viewer = member(tenant, Role.VIEWER);
        User stranger = member(other, Role.VIEWER);
        Browser o = as(owner);
        Browser v = as(viewer);

        Http.Response page = o.get("/dashboard/members");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains(owner.email(), viewer.email(), "id=\"add-member\"")
                .doesNotContain(stranger.email());
        assertThat(v.get("/dashboard/members").body())
                .contains(owner.email(), "members-read-only")
                .doesNotContain("id=\"add-member\"");

        Http.Response forged = v.post(
                "/dashboard/members", "email=" + enc("z@x.com.br") + "&role=viewer&password=" + enc("a long password"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.contentType()).startsWith("text/html");
        assertThat(users.list(tenant.id())).extracting(User::email).doesNotContain("z@x.com.br");

        Http.Response added = o.post(
                "/dashboard/members",
                "email=" + enc("dev@paginas.com.br") + "&role=developer&password=" + enc("developer's password"));
        assertThat(added.status()).isEqualTo(303);
        User dev = users.list(tenant.id()).stream()
                .filter(u -> u.email().equals("dev@paginas.com.br"))
                .findFirst()
                .orElseThrow();
        assertThat(dev.role()).isEqualTo(Role.DEVELOPER);
        Http.Response invalid =
                o.post("/dashboard/members", "email=nope&role=viewer&password=" + enc("a long password"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body()).contains("That is not an e-mail address.");

        // The developer's session ends when their role changes.
        Browser d = as(dev);
        assertThat(d.get("/dashboard/members").status()).isEqualTo(200);
        assertThat(o.post("/dashboard/members/" + dev.id() + "/role", "role=viewer")
                        .status())
                .isEqualTo(303);
        assertThat(users.current(dev.id()).orElseThrow())
                .extracting(p -> ((br.com.kycert.users.SignedIn.Member) p).role())
                .isEqualTo(Role.VIEWER);
        assertThat(d.get("/dashboard/members").status()).isEqualTo(303);

        // Another tenant's member is a 404, exactly as a missing one.
        Http.Response theirs = o.post("/dashboard/members/" + stranger.id() + "/remove", "");
        Http.Response missing = o.post("/dashboard/members/" + UUID.randomUUID() + "/remove", "");
        assertThat(theirs.status()).isEqualTo(404).isEqualTo(missing.status());
        assertThat(theirs.body()).isEqualTo(missing.body());
        assertThat(users.current(stranger.id())).isPresent();

        assertThat(o.post("/dashboard/members/" + owner.id() + "/remove", "").body())
                .contains("at least one owner");
        assertThat(o.post("/dashboard/members/" + viewer.id() + "/remove", "").status())
                .isEqualTo(303);
        assertThat(v.get("/dashboard/members").status()).isEqualTo(303);
    }

    @Test
    void theAuditLogShowsTheKeysNameFiltersAndKeepsToTheTenant() {
        User owner = member(tenant, Role.VIEWER);
        Browser o = as(owner);
        var key = fixtures.key(tenant, "runs:read");
        var theirKey = fixtures.key(other, "runs:read");
        assertThat(http.get("/api/v1/bureau/runs", "X-API-Key", key.secret()).status())
                .isEqualTo(200);
        server.bean(RequestAuditor.class).flush();

        Http.Response page = o.get("/dashboard/audit?key=" + key.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("test key [runs:read]", "API request", "GET /api/v1/bureau/runs → 200", "Key created");
        // Requests refused for their key are API requests too, named after the key.
        server.bean(br.com.kycert.keys.ApiKeyService.class).revoke(key.id(), "test");
        assertThat(http.get("/api/v1/bureau/runs", "X-API-Key", key.secret()).status())
                .isEqualTo(401);
        server.bean(RequestAuditor.class).flush();
        Http.Response requests = o.get("/dashboard/audit?kind=api_requests&key=" + key.id());
        assertThat(requests.body())
                .contains("data-action=\"api.request\"", "data-action=\"api.request.refused\"")
                .contains("API request refused (401)", "refusal: revoked", "GET /api/v1/bureau/runs → 401")
                .doesNotContain("data-action=\"api_key.created\"", "??");
        assertThat(o.get("/dashboard/audit?kind=members").body())
                .contains("Member added")
                .doesNotContain("data-action=\"api.request\"");
        Http.Response theirs = o.get("/dashboard/audit?key=" + theirKey.id());
        Http.Response missing = o.get("/dashboard/audit?key=" + UUID.randomUUID());
        assertThat(theirs.status()).isEqualTo(404).isEqualTo(missing.status());
        assertThat(theirs.body()).isEqualTo(missing.body());
        assertThat(o.get("/dashboard/audit?cursor=garbage").status()).isEqualTo(400);
        assertThat(o.get("/dashboard/audit?kind=everything").status()).isEqualTo(400);
        Http.Response pt = http.get("/dashboard/audit", "Cookie", o.cookie(), "Accept-Language", "pt-BR");
        assertThat(pt.body()).contains("Registro", "Chave criada");
    }

    @Test
    void onlySupportStaffUseTheSupportConsoleAndEachDecisionNeedsAReason() {
        User staff = users.createSupport(
                "suporte+" + UUID.randomUUID().toString().substring(0, 6) + "@kycert.com.br",
                "support's password".toCharArray(),
                "test");
        Browser s = as(staff);
        Browser owner = as(member(tenant, Role.OWNER));

        assertThat(owner.get("/dashboard/support").status()).isEqualTo(403);
        assertThat(owner.get("/dashboard/support?q=Vizinha").status()).isEqualTo(403);
        Http.Response forged =
                owner.post("/dashboard/support/tenants/" + tenant.id() + "/detail-access", "decision=grant&reason=x");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(server.bean(TenantService.class)
                        .find(tenant.id())
                        .orElseThrow()
                        .detailAccess())
                .isFalse();

        Http.Response found = s.get("/dashboard/support?q=" + enc("vizinha"));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).contains("Corretora Vizinha", "not approved").doesNotContain("Corretora Páginas");
        Http.Response noReason =
                s.post("/dashboard/support/tenants/" + other.id() + "/detail-access", "decision=grant");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("Give a reason");
        assertThat(s.post(
                                "/dashboard/support/tenants/" + UUID.randomUUID() + "/detail-access",
                                "decision=grant&reason=x")
                        .status())
                .isEqualTo(404);
        Http.Response granted = s.post(
                "/dashboard/support/tenants/" + other.id() + "/detail-access",
                "decision=grant&reason=" + enc("Contrato KYC avançado"));
        assertThat(granted.status()).isEqualTo(303);
        var approved = server.bean(TenantService.class).find(other.id()).orElseThrow();
        assertThat(approved.detailAccess()).isTrue();
        assertThat(approved.detailAccessReason()).isEqualTo("Contrato KYC avançado");
        assertThat(s.get("/dashboard/support?q=" + other.id()).body())
                .contains("Contrato KYC avançado", "Withdraw detail:read");
        // Support staff have no tenant pages.
        assertThat(s.get("/dashboard/members").status()).isEqualTo(403);
        assertThat(s.get("/dashboard/audit").status()).isEqualTo(403);
        // The tenant sees the decision in its own audit log.
        User theirOwner = member(other, Role.VIEWER);
        assertThat(as(theirOwner).get("/dashboard/audit?kind=detail_access").body())
                .contains("Detail approval granted by kycert support", "Contrato KYC avançado", staff.email());
    }

    @Test
    void anOwnerRequiresTotpForTheTenantAndEveryMemberSetsItUpBeforeAnythingElse() throws Exception {
        Fixtures.Tenant secure = fixtures.tenant("Corretora Segura");
        Browser owner = as(member(secure, Role.OWNER));
        Browser admin = as(member(secure, Role.ADMIN));
        User dev = member(secure, Role.DEVELOPER);
        Browser d = as(dev);
        TenantService tenants = server.bean(TenantService.class);

        Http.Response page = owner.get("/dashboard/settings");
        assertThat(page.body()).contains("href=\"/dashboard/settings/security\"");
        Http.Response security = owner.get("/dashboard/settings/security");
        assertThat(security.status()).isEqualTo(200);
        assertThat(security.body()).contains("Not required", "id=\"totp-required-toggle\"");
        DashboardGateIT.assertSecurityHeaders(security);

        // An admin reads it but may not change it: no button, and a forged POST is the 403 page.
        Http.Response adminPage = admin.get("/dashboard/settings/security");
        assertThat(adminPage.status()).isEqualTo(200);
        assertThat(adminPage.body()).contains("totp-owner-only").doesNotContain("totp-required-toggle");
        Http.Response forged = admin.post("/dashboard/settings/security/totp", "required=true");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.contentType()).startsWith("text/html");
        assertThat(tenants.totpRequired(secure.id())).isFalse();
        Http.Response noToken = http.send(
                "POST",
                "/dashboard/settings/security/totp",
                "required=true",
                "Cookie",
                owner.cookie(),
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(noToken.status()).as("no CSRF token").isEqualTo(403);
        assertThat(owner.post("/dashboard/settings/security/totp", "required=maybe")
                        .status())
                .isEqualTo(400);
        assertThat(tenants.totpRequired(secure.id())).isFalse();

        Http.Response required = owner.post("/dashboard/settings/security/totp", "required=true");
        assertThat(required.status()).isEqualTo(303);
        assertThat(required.header("location")).hasValue("/dashboard/settings/security");
        assertThat(tenants.totpRequired(secure.id())).isTrue();

        // From the very next request, a member without TOTP (the owner too) is sent to set it up.
        Http.Response sent = d.get("/dashboard/settings/developer/api-keys");
        assertThat(sent.status()).isEqualTo(303);
        assertThat(sent.header("location")).hasValue(DashboardGate.TOTP_ENROLMENT_PATH);
        assertThat(owner.get("/dashboard/audit").header("location")).hasValue(DashboardGate.TOTP_ENROLMENT_PATH);
        Http.Response enrol = d.get(DashboardGate.TOTP_ENROLMENT_PATH);
        assertThat(enrol.status()).isEqualTo(200);
        assertThat(enrol.body()).contains("Your brokerage requires a second factor");
        String secret =
                org.jsoup.Jsoup.parse(enrol.body()).selectFirst("#totp-secret").text();
        String code =
                SignInIT.code(SignInIT.base32(secret), java.time.Instant.now().getEpochSecond() / 30);
        assertThat(d.post(DashboardGate.TOTP_ENROLMENT_PATH, "code=" + code).status())
                .isEqualTo(303);
        assertThat(d.get("/dashboard/settings/developer/api-keys").status()).isEqualTo(200);
        // The owner still has to enrol before changing anything, including this setting.
        assertThat(owner.post("/dashboard/settings/security/totp", "required=false")
                        .header("location"))
                .hasValue(DashboardGate.TOTP_ENROLMENT_PATH);
        assertThat(tenants.totpRequired(secure.id())).isTrue();

        // The decision is in the tenant's audit log, under Settings.
        assertThat(d.get("/dashboard/audit?kind=settings").body()).contains("TOTP required for everyone");
        Http.Response pt = http.get("/dashboard/settings/security", "Cookie", d.cookie(), "Accept-Language", "pt-BR");
        assertThat(pt.body()).contains("Segurança", "Exigida");
    }
}

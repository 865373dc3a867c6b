package br.com.kycert.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import br.com.kycert.users.Role;
import br.com.kycert.users.SignedIn;
import br.com.kycert.users.UserService;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signing in and out of the dashboard over real HTTP, on the accounts service. */
class SignInIT {

    static TestDatabase db;
    static TestServer server;
    static Fixtures fixtures;
    static Fixtures.Tenant tenant;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        // Every test here signs in from 127.0.0.1; only the per-e-mail lockout is under test.
        server = TestServer.start(db, Map.of("kycert.sign-in.max-failures-per-client", 1000));
        fixtures = new Fixtures(server, db);
        tenant = fixtures.tenant("Corretora Entrada");
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@entrada.example";
    }

    @Test
    void aMemberSignsInWithEmailAndPasswordAndGetsAStrictHttpOnlyCookie() {
        String email = email("owner");
        DashboardClient.member(server, tenant.id(), email, Role.OWNER);
        DashboardClient browser = new DashboardClient(server, "Accept-Language", "en");
        Http.Response form = browser.get("/dashboard/sign-in");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("cache-control")).hasValue("no-store");
        DashboardGateIT.assertSecurityHeaders(form);
        Http.Response answer =
                browser.post("/dashboard/sign-in", Map.of("email", email, "password", DashboardClient.PASSWORD));
        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("location")).hasValue("/dashboard");
        String cookie = answer.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith(DashboardCookies.SESSION + "="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie)
                .containsIgnoringCase("HttpOnly")
                .contains("SameSite=Strict", "Path=/dashboard")
                .doesNotContain("Secure");
        Http.Response home = browser.get("/dashboard");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains(email, "Corretora Entrada", "owner");
        assertThat(fixtures.count(
                        "select count(*) from audit_log where action = 'user.signed_in' and tenant_id = ?",
                        tenant.id()))
                .isPositive();
    }

    @Test
    void behindTlsTheCookieIsSecure() {
        String email = email("dev");
        DashboardClient.member(server, tenant.id(), email, Role.DEVELOPER);
        DashboardClient browser = new DashboardClient(server, "X-Forwarded-Proto", "https");
        browser.get("/dashboard/sign-in");
        Http.Response answer =
                browser.post("/dashboard/sign-in", Map.of("email", email, "password", DashboardClient.PASSWORD));
        assertThat(answer.headers().allValues("set-cookie"))
                .filteredOn(c -> c.startsWith(DashboardCookies.SESSION + "="))
                .singleElement()
                .satisfies(
                        c -> assertThat(c).contains("Secure", "SameSite=Strict").containsIgnoringCase("HttpOnly"));
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        String email = email("viewer");
        DashboardClient.member(server, tenant.id(), email, Role.VIEWER);
        DashboardClient one = new DashboardClient(server, "Accept-Language", "en");
        Http.Response wrong = one.signIn(email, "not the password at all");
        DashboardClient two = new DashboardClient(server, "Accept-Language", "en");
        Http.Response unknown = two.signIn(email("nobody"), "not the password at all");
        assertThat(wrong.status()).isEqualTo(401).isEqualTo(unknown.status());
        String a = Jsoup.parse(wrong.body()).selectFirst("#sign-in-error").text();
        String b = Jsoup.parse(unknown.body()).selectFirst("#sign-in-error").text();
        assertThat(a).isEqualTo(b).isEqualTo("E-mail or password is incorrect.");
        assertThat(one.cookie(DashboardCookies.SESSION)).isNull();
        assertThat(wrong.body()).doesNotContain("not the password at all");
    }

    @Test
    void aSignInPostWithoutTheFormsTokenIsRefused() {
        String email = email("admin");
        DashboardClient.member(server, tenant.id(), email, Role.ADMIN);
        DashboardClient browser = new DashboardClient(server);
        browser.get("/dashboard/sign-in");
        Http.Response forged =
                browser.postRaw("/dashboard/sign-in", Map.of("email", email, "password", DashboardClient.PASSWORD));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(browser.cookie(DashboardCookies.SESSION)).isNull();
        Http.Response noCookie = new DashboardClient(server)
                .postRaw(
                        "/dashboard/sign-in",
                        Map.of("email", email, "password", DashboardClient.PASSWORD, "_csrf", browser.csrf));
        assertThat(noCookie.status())
                .as("the token must match this browser's cookie")
                .isEqualTo(403);
    }

    @Test
    void repeatedBadPasswordsLockTheAccountOutEvenWithTheRightOneAfterwards() {
        String email = email("locked");
        DashboardClient.member(server, tenant.id(), email, Role.DEVELOPER);
        DashboardClient browser = new DashboardClient(server, "Accept-Language", "en");
        for (int i = 0; i < 5; i++) {
            browser.signIn(email, "wrong password number " + i);
        }
        Http.Response right = browser.signIn(email, DashboardClient.PASSWORD);
        assertThat(right.status()).isEqualTo(429);
        assertThat(Jsoup.parse(right.body()).selectFirst("#sign-in-error").text())
                .startsWith("Too many failed attempts");
        assertThat(browser.cookie(DashboardCookies.SESSION)).isNull();
    }

    @Test
    void anAccountWithTotpNeedsTheCodeAsASecondStep() throws Exception {
        String email = email("totp");
        var user = DashboardClient.member(server, tenant.id(), email, Role.OWNER);
        UserService users = server.bean(UserService.class);
        SignedIn principal = users.current(user.id()).orElseThrow();
        var enrolment = users.beginTotpEnrolment(principal);
        byte[] secret = base32(enrolment.secretBase32());
        long step = Instant.now().getEpochSecond() / 30;
        users.confirmTotpEnrolment(principal, code(secret, step - 1));

        DashboardClient browser = new DashboardClient(server, "Accept-Language", "en");
        Http.Response first = browser.signIn(email, DashboardClient.PASSWORD);
        assertThat(first.status()).isEqualTo(200);
        var page = Jsoup.parse(first.body());
        assertThat(page.selectFirst("#totp-form")).isNotNull();
        String challenge = page.selectFirst("input[name=challenge]").attr("value");
        assertThat(first.body()).doesNotContain(DashboardClient.PASSWORD);
        assertThat(browser.cookie(DashboardCookies.SESSION)).isNull();

        Http.Response wrong = browser.post(
                "/dashboard/sign-in/totp", Map.of("challenge", challenge, "code", code(secret, step + 40)));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(browser.cookie(DashboardCookies.SESSION)).isNull();
        String again =
                Jsoup.parse(wrong.body()).selectFirst("input[name=challenge]").attr("value");

        DashboardClient thief = new DashboardClient(server);
        thief.get("/dashboard/sign-in");
        Http.Response stolen =
                thief.post("/dashboard/sign-in/totp", Map.of("challenge", again, "code", code(secret, step)));
        assertThat(stolen.status())
                .as("a challenge works only in the browser that got it")
                .isEqualTo(401);
        assertThat(thief.cookie(DashboardCookies.SESSION)).isNull();

        Http.Response ok =
                browser.post("/dashboard/sign-in/totp", Map.of("challenge", again, "code", code(secret, step)));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(browser.cookie(DashboardCookies.SESSION)).isNotNull();
        assertThat(browser.get("/dashboard").status()).isEqualTo(200);
    }

    @Test
    void removingAMemberOrChangingTheirRoleEndsTheirSessions() {
        String ownerEmail = email("boss");
        DashboardClient.member(server, tenant.id(), ownerEmail, Role.OWNER);
        String email = email("leaving");
        var user = DashboardClient.member(server, tenant.id(), email, Role.DEVELOPER);
        DashboardClient browser = new DashboardClient(server, "Accept-Language", "en").signedIn(email);
        UserService users = server.bean(UserService.class);
        var owner = (SignedIn.Member) users.current(users.list(tenant.id()).stream()
                        .filter(u -> u.email().equals(ownerEmail))
                        .findFirst()
                        .orElseThrow()
                        .id())
                .orElseThrow();
        users.changeRole(owner, user.id(), Role.VIEWER);
        assertThat(browser.get("/dashboard").status()).isEqualTo(303);

        browser.signedIn(email);
        assertThat(browser.get("/dashboard").body()).contains("viewer");
        users.remove(user.id(), "test");
        assertThat(browser.get("/dashboard").status()).isEqualTo(303);
        assertThat(browser.signIn(email, DashboardClient.PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void supportStaffSeeOnlyTheSupportConsole() {
        String email = email("support");
        DashboardClient.support(server, email);
        DashboardClient browser = new DashboardClient(server, "Accept-Language", "en").signedIn(email);
        Http.Response home = browser.get("/dashboard");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Support console", "kycert support").doesNotContain("nav-api-keys");
        assertThat(browser.get("/dashboard/settings/developer/api-keys").status())
                .isEqualTo(403);
        assertThat(browser.get("/dashboard/settings").status()).isEqualTo(403);
    }

    @Test
    void membersNeverReachTheSupportConsole() {
        String email = email("member");
        DashboardClient.member(server, tenant.id(), email, Role.OWNER);
        DashboardClient browser = new DashboardClient(server).signedIn(email);
        assertThat(browser.get("/dashboard/support").status()).isEqualTo(403);
    }

    @Test
    void signOutEndsTheSession() {
        String email = email("bye");
        DashboardClient.member(server, tenant.id(), email, Role.VIEWER);
        DashboardClient browser = new DashboardClient(server).signedIn(email);
        String token = browser.cookie(DashboardCookies.SESSION);
        Http.Response out = browser.post("/dashboard/sign-out", Map.of());
        assertThat(out.status()).isEqualTo(303);
        browser.setCookie(DashboardCookies.SESSION, token);
        assertThat(browser.get("/dashboard").status()).isEqualTo(303);
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : text.replace("=", "").toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    /** RFC 6238 with HMAC-SHA1, 6 digits: written from the RFC, not from the server's code. */
    static String code(byte[] secret, long step) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret, "HmacSHA1"));
        byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int o = h[h.length - 1] & 0x0f;
        int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
        return String.format("%06d", bin % 1_000_000);
    }
}

package br.com.kycert.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.keys.Scope;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import br.com.kycert.users.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Settings → Developer → API Keys over real HTTP, with the keys used against the real API. */
class ApiKeysPageIT {

    static final String PAGE = ApiKeysController.PATH;

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static Fixtures fixtures;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db, Map.of("kycert.sign-in.max-failures-per-client", 1000));
        http = server.http();
        fixtures = new Fixtures(server, db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static DashboardClient member(Fixtures.Tenant tenant, Role role) {
        String email = role.value() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@keys.example";
        DashboardClient.member(server, tenant.id(), email, role);
        return new DashboardClient(server, "Accept-Language", "en").signedIn(email);
    }

    private static String secretOf(Http.Response reveal) {
        return Jsoup.parse(reveal.body()).selectFirst("#new-key-secret").text();
    }

    @Test
    void createUseAndRevokeAKeyAsTheReferenceDescribes() {
        var tenant = fixtures.tenant("Corretora Chaves");
        DashboardClient browser = member(tenant, Role.DEVELOPER);
        Document list = Jsoup.parse(browser.get(PAGE).body());
        assertThat(list.selectFirst("#new-api-key")).isNotNull();

        Http.Response form = browser.get(PAGE + "/new");
        assertThat(form.status()).isEqualTo(200);
        Document dialog = Jsoup.parse(form.body());
        assertThat(dialog.text())
                .contains(
                        "Production Integration - ERP System",
                        "Onboarding Service - Staging",
                        "cannot be changed after creation",
                        "create bureau runs",
                        "read run status, decisions, and analysis",
                        "access per-source technical detail",
                        "requires support approval");
        assertThat(dialog.selectFirst("#scope-detail-read").hasAttr("disabled")).isTrue();
        // The choices come from the one definition of each concept: a new scope, environment or subject type
        // appears in the form without editing the page.
        assertThat(dialog.select("input[name=scopes]").eachAttr("value")).isEqualTo(Scope.allowedValues());
        assertThat(dialog.select("input[name=environment]").eachAttr("value"))
                .isEqualTo(Arrays.stream(Environment.values())
                        .map(Environment::value)
                        .toList());
        assertThat(dialog.select("input[name=environment]").first().hasAttr("required"))
                .isTrue();
        assertThat(dialog.select("#env-live + strong, label:has(#env-live) code")
                        .text())
                .contains("sk_live_");
        assertThat(dialog.select("label:has(#env-sandbox) code").text()).isEqualTo("sk_test_");
        assertThat(dialog.select("select[name=subject_type] option").eachAttr("value"))
                .isEqualTo(Stream.concat(
                                Stream.of(""),
                                Arrays.stream(SubjectType.values()).map(SubjectType::value))
                        .toList());

        assertThat(Jsoup.parse(browser.get(PAGE).body())
                        .select("#filter-environment option")
                        .eachAttr("value"))
                .isEqualTo(Stream.concat(
                                Stream.of(""),
                                Arrays.stream(Environment.values()).map(Environment::value))
                        .toList());

        Http.Response noScope =
                browser.post(PAGE, Map.of("name", "Onboarding Service - Staging", "environment", "sandbox"));
        assertThat(noScope.status()).isEqualTo(422);
        assertThat(Jsoup.parse(noScope.body()).selectFirst("#form-error").text())
                .contains("at least one scope");
        Http.Response forcedDetail =
                browser.post(PAGE, Map.of("name", "Detail", "environment", "sandbox", "scopes", "detail:read"));
        assertThat(forcedDetail.status())
                .as("a disabled checkbox is refused server-side too")
                .isEqualTo(422);
        assertThat(fixtures.count("select count(*) from api_keys where tenant_id = ?", tenant.id()))
                .isZero();

        Http.Response reveal = browser.post(
                PAGE,
                Map.of(
                        "name",
                        "Onboarding Service - Staging",
                        "environment",
                        "sandbox",
                        "scopes",
                        List.of("runs:write", "runs:read")));
        assertThat(reveal.status()).isEqualTo(201);
        assertThat(reveal.header("cache-control")).hasValue("no-store");
        String secret = secretOf(reveal);
        assertThat(secret).startsWith("sk_test_");
        assertThat(Jsoup.parse(reveal.body()).selectFirst("#reveal-warning").text())
                .contains("only time");

        assertThat(http.get("/api/v1/bureau/runs", "X-API-Key", secret).status())
                .isEqualTo(200);
        Http.Response created = http.post(
                "/api/v1/bureau/runs",
                Fixtures.createBody(tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR),
                "X-API-Key",
                secret);
        assertThat(created.status()).isEqualTo(201);

        Http.Response after = browser.get(PAGE);
        assertThat(after.body()).doesNotContain(secret);
        Document rows = Jsoup.parse(after.body());
        var row = rows.selectFirst("#keys tbody tr");
        assertThat(row.text())
                .contains(
                        "Onboarding Service - Staging",
                        "Sandbox",
                        secret.substring(secret.length() - 4),
                        "runs:write",
                        "runs:read",
                        "PF and PJ",
                        "active");
        String id = row.attr("data-key-id");

        Http.Response confirm = browser.get(PAGE + "/" + id + "/revoke");
        assertThat(Jsoup.parse(confirm.body()).selectFirst("#revoke-question").text())
                .contains("Onboarding Service - Staging");
        Http.Response revoked = browser.post(PAGE + "/" + id + "/revoke", Map.of());
        assertThat(revoked.status()).isEqualTo(303);
        Http.Response refused = http.get("/api/v1/bureau/runs", "X-API-Key", secret);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("invalid_api_key");

        Document revocationList =
                Jsoup.parse(browser.get(PAGE + "?status=revoked").body());
        assertThat(revocationList.selectFirst("#key-" + id).text()).contains("revoked", "@keys.example");
        assertThat(revocationList.select("#filter-status option").eachAttr("value"))
                .containsExactly("", "active", "expired", "revoked", "inactive");
        assertThat(revocationList.select("#filter-status option[selected]").eachAttr("value"))
                .containsExactly("revoked");
        assertThat(Jsoup.parse(browser.get(PAGE + "?status=active").body()).selectFirst("#key-" + id))
                .isNull();
        assertThat(fixtures.count(
                        "select count(*) from audit_log where action in ('api_key.created', 'api_key.revoked')"
                                + " and key_id = ?::uuid",
                        id))
                .isEqualTo(2);
    }

    @Test
    void aViewerSeesTheListButCannotCreateRollOrRevoke() {
        var tenant = fixtures.tenant("Corretora Leitura");
        var key = fixtures.key(tenant, "runs:read");
        DashboardClient viewer = member(tenant, Role.VIEWER);
        Document list = Jsoup.parse(viewer.get(PAGE).body());
        assertThat(list.selectFirst("#key-" + key.id())).isNotNull();
        assertThat(list.selectFirst("#new-api-key")).isNull();
        assertThat(list.select("a.revoke")).isEmpty();
        assertThat(viewer.get(PAGE + "/new").status()).isEqualTo(403);
        Http.Response create =
                viewer.post(PAGE, Map.of("name", "Sneaky", "environment", "sandbox", "scopes", "runs:read"));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.body()).contains("Not allowed");
        assertThat(viewer.post(PAGE + "/" + key.id() + "/revoke", Map.of()).status())
                .isEqualTo(403);
        assertThat(viewer.post(PAGE + "/" + key.id() + "/roll", Map.of("old_key_expires", "now"))
                        .status())
                .isEqualTo(403);
        assertThat(fixtures.count("select count(*) from api_keys where tenant_id = ?", tenant.id()))
                .isEqualTo(1);
        assertThat(http.get("/api/v1/bureau/runs", "X-API-Key", key.secret()).status())
                .isEqualTo(200);
    }

    @Test
    void anotherTenantsKeyIsTheSame404AsAMissingOne() {
        var mine = fixtures.tenant("Corretora Minha");
        var theirs = fixtures.tenant("Corretora Deles");
        var theirKey = fixtures.key(theirs, "runs:read");
        DashboardClient owner = member(mine, Role.OWNER);
        for (String action : List.of("/revoke", "/roll")) {
            Http.Response other = owner.get(PAGE + "/" + theirKey.id() + action);
            Http.Response missing = owner.get(PAGE + "/" + UUID.randomUUID() + action);
            Http.Response garbage = owner.get(PAGE + "/not-a-uuid" + action);
            assertThat(other.status())
                    .isEqualTo(404)
                    .isEqualTo(missing.status())
                    .isEqualTo(garbage.status());
            assertThat(other.body()).isEqualTo(missing.body()).isEqualTo(garbage.body());
        }
        assertThat(owner.post(PAGE + "/" + theirKey.id() + "/revoke", Map.of()).status())
                .isEqualTo(404);
        assertThat(owner.post(PAGE + "/" + theirKey.id() + "/roll", Map.of("old_key_expires", "now"))
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/bureau/runs", "X-API-Key", theirKey.secret())
                        .status())
                .isEqualTo(200);
        assertThat(Jsoup.parse(owner.get(PAGE).body()).selectFirst("#key-" + theirKey.id()))
                .isNull();
    }

    @Test
    void rollingMakesASuccessorAndExpiresTheOldKeyWhenChosen() {
        var tenant = fixtures.tenant("Corretora Rotação");
        var old = fixtures.key(tenant, Environment.LIVE, br.com.kycert.shared.SubjectType.PF, "runs:write");
        DashboardClient admin = member(tenant, Role.ADMIN);
        Http.Response form = admin.get(PAGE + "/" + old.id() + "/roll");
        assertThat(Jsoup.parse(form.body()).selectFirst("#roll-last-used").text())
                .contains("never been used");
        Http.Response reveal = admin.post(PAGE + "/" + old.id() + "/roll", Map.of("old_key_expires", "1h"));
        assertThat(reveal.status()).isEqualTo(201);
        assertThat(reveal.header("cache-control")).hasValue("no-store");
        String successor = secretOf(reveal);
        assertThat(successor).startsWith("sk_live_");
        Http.Response read = http.get("/api/v1/bureau/runs", "X-API-Key", successor);
        assertThat(read.status()).as("same scopes: runs:write only").isEqualTo(403);
        assertThat(read.code()).isEqualTo("insufficient_scope");
        String body = Fixtures.createBody(tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR);
        assertThat(http.post("/api/v1/bureau/runs", body, "X-API-Key", successor)
                        .status())
                .isEqualTo(201);
        assertThat(http.post("/api/v1/bureau/runs", body, "X-API-Key", old.secret())
                        .status())
                .as("the old key works until its chosen expiry")
                .isEqualTo(201);
        assertThat(fixtures.count(
                        "select count(*) from api_keys where tenant_id = ? and name = (select name from api_keys"
                                + " where id = ?) and environment = 'live' and subject_type = 'pf' and scopes = array['runs:write']"
                                + " and replaces_key_id = ?",
                        tenant.id(),
                        old.id(),
                        old.id()))
                .isEqualTo(1);
        assertThat(fixtures.count(
                        "select count(*) from api_keys where id = ? and expires_at between now() + interval '59 minutes'"
                                + " and now() + interval '61 minutes'",
                        old.id()))
                .isEqualTo(1);
        Document list = Jsoup.parse(admin.get(PAGE).body());
        assertThat(list.text()).contains("Successor of the rolled key");

        Http.Response now = admin.post(PAGE + "/" + old.id() + "/roll", Map.of("old_key_expires", "now"));
        assertThat(now.status()).isEqualTo(201);
        Http.Response refused = http.post("/api/v1/bureau/runs", body, "X-API-Key", old.secret());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("invalid_api_key");
        assertThat(Jsoup.parse(admin.get(PAGE + "?status=expired").body()).selectFirst("#key-" + old.id()))
                .isNotNull();
        assertThat(fixtures.count(
                        "select count(*) from audit_log where action = 'api_key.rolled' and key_id = ?", old.id()))
                .isEqualTo(2);
    }

    @Test
    void detailReadIsOfferedOnlyWhileTheTenantIsApproved() {
        var tenant = fixtures.tenant("Corretora Detalhe");
        DashboardClient owner = member(tenant, Role.OWNER);
        fixtures.approveDetail(tenant);
        Document form = Jsoup.parse(owner.get(PAGE + "/new").body());
        assertThat(form.selectFirst("#scope-detail-read").hasAttr("disabled")).isFalse();
        assertThat(form.selectFirst("#detail-needs-approval")).isNull();
        Http.Response reveal = owner.post(
                PAGE,
                Map.of(
                        "name",
                        "Detail reader",
                        "environment",
                        "sandbox",
                        "scopes",
                        List.of("runs:read", "detail:read"),
                        "subject_type",
                        "pj",
                        "expires_in",
                        "30d"));
        assertThat(reveal.status()).isEqualTo(201);
        var row = Jsoup.parse(owner.get(PAGE).body()).selectFirst("#keys tbody tr");
        assertThat(row.text()).contains("detail:read", "PJ only");
        assertThat(row.select("td").get(8).text()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
        fixtures.revokeDetail(tenant);
        assertThat(Jsoup.parse(owner.get(PAGE + "/new").body())
                        .selectFirst("#scope-detail-read")
                        .hasAttr("disabled"))
                .isTrue();
    }

    @Test
    void thePageSpeaksPortugueseToo() {
        var tenant = fixtures.tenant("Corretora Idioma");
        String email = "pt-" + UUID.randomUUID().toString().substring(0, 8) + "@keys.example";
        DashboardClient.member(server, tenant.id(), email, Role.OWNER);
        DashboardClient browser = new DashboardClient(server, "Accept-Language", "pt-BR").signedIn(email);
        assertThat(browser.get(PAGE).body()).contains("Chaves de API", "Nova chave de API");
        assertThat(browser.get(PAGE + "/new").body()).contains("criar consultas", "exige aprovação do suporte");
    }

    @Test
    void namesAndApostrophesShowExactlyAsTyped() {
        var tenant = fixtures.tenant("Corretora D'Ávila");
        DashboardClient browser = member(tenant, Role.DEVELOPER);
        var created = server.bean(br.com.kycert.keys.ApiKeyService.class)
                .create(
                        tenant.id(),
                        "Ana's ERP {0} ''x''",
                        Environment.SANDBOX,
                        List.of("runs:read"),
                        null,
                        null,
                        "test");
        Document confirm = Jsoup.parse(
                browser.get(PAGE + "/" + created.key().id() + "/revoke").body());
        assertThat(confirm.selectFirst("#revoke-question").text()).contains("\"Ana's ERP {0} ''x''\"");
        assertThat(confirm.selectFirst("#confirm-revoke").text()).isEqualTo("Revoke \"Ana's ERP {0} ''x''\"");
        assertThat(confirm.selectFirst(".who .tenant").text()).isEqualTo("Corretora D'Ávila");
        // A message with an apostrophe of its own keeps it (written '' in the bundle).
        assertThat(Jsoup.parse(browser.get("/dashboard").body()).text()).contains("your brokerage's API keys");
    }
}

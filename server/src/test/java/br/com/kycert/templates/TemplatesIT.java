package br.com.kycert.templates;

import static br.com.kycert.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.keys.ApiKeyFormat;
import br.com.kycert.shared.Environment;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The template reads over real HTTP: content, pagination and the whole key matrix. */
class TemplatesIT {

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static Fixtures fx;
    static Fixtures.Tenant tenant;
    static Fixtures.Tenant other;
    static UUID graded;
    static Fixtures.Key reader;
    static Fixtures.Key writer;

    enum Operation {
        LIST_TEMPLATES,
        GET_TEMPLATE;

        Http.Response send(UUID template, String... auth) {
            return switch (this) {
                case LIST_TEMPLATES -> http.get("/api/v1/bureau/templates", auth);
                case GET_TEMPLATE -> http.get("/api/v1/bureau/templates/" + template, auth);
            };
        }

        Http.Response send(String... auth) {
            return send(tenant.pfTemplate(), auth);
        }
    }

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db);
        http = server.http();
        fx = new Fixtures(server, db);
        tenant = fx.tenant("Corretora Templates");
        other = fx.tenant("Corretora Outra");
        TemplateService templates = server.bean(TemplateService.class);
        graded = templates
                .create(
                        tenant.id(),
                        "PF rigoroso",
                        "pf",
                        List.of("receita_cpf", "pep"),
                        List.of("ceis_cnep"),
                        1500,
                        Map.of("pep_match", "rejected", "ceis_cnep_hit", "off"))
                .id();
        reader = fx.key(tenant, "runs:read");
        writer = fx.key(tenant, "runs:write");
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @Test
    void aTemplateShowsItsSourcesAndTheRuleOutcomesInForce() {
        Http.Response r = http.get("/api/v1/bureau/templates/" + graded, "X-API-Key", reader.secret());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.get("id").getStringValue()).isEqualTo(graded.toString());
        assertThat(t.get("object").getStringValue()).isEqualTo("template");
        assertThat(t.get("name").getStringValue()).isEqualTo("PF rigoroso");
        assertThat(t.get("subject_type").getStringValue()).isEqualTo("pf");
        assertThat(t.get("version").getIntValue()).isEqualTo(1);
        assertThat(sources(t)).containsExactly("receita_cpf:true:1500", "pep:true:1500", "ceis_cnep:false:1500");
        assertThat(rules(t))
                .containsExactly(
                        "holder_deceased:receita_cpf:rejected",
                        "cpf_nula_cancelada:receita_cpf:rejected",
                        "cpf_suspensa_pendente:receita_cpf:review",
                        "pep_match:pep:rejected",
                        "ceis_cnep_hit:ceis_cnep:off");
        assertThat(t.get("created_at").getStringValue()).endsWith("Z");
        assertThat(t.get("updated_at").getStringValue())
                .isEqualTo(t.get("created_at").getStringValue());
    }

    @Test
    void anUpdateShowsTheNewVersionAndUpdateTime() throws InterruptedException {
        TemplateService templates = server.bean(TemplateService.class);
        UUID id = templates
                .create(tenant.id(), "PJ a mudar", "pj", List.of("receita_cnpj"))
                .id();
        Thread.sleep(5);
        templates.update(id, "PJ mudado", null, null, null, Map.of("cnpj_inapta_suspensa", "rejected"));
        JsonNode t = http.get("/api/v1/bureau/templates/" + id, "X-API-Key", reader.secret())
                .json();
        assertThat(t.get("version").getIntValue()).isEqualTo(2);
        assertThat(t.get("name").getStringValue()).isEqualTo("PJ mudado");
        assertThat(rules(t))
                .contains("cnpj_inapta_suspensa:receita_cnpj:rejected", "cnpj_baixada_nula:receita_cnpj:rejected");
        assertThat(t.get("updated_at").getStringValue())
                .isGreaterThan(t.get("created_at").getStringValue());
    }

    @Test
    void theListPagesNewestFirstThroughEveryTemplateOfTheTenant() {
        Fixtures.Tenant paged = fx.tenant("Corretora Paginada");
        TemplateService templates = server.bean(TemplateService.class);
        List<String> created = new ArrayList<>(
                List.of(paged.pfTemplate().toString(), paged.pjTemplate().toString()));
        for (int i = 0; i < 3; i++) {
            created.add(
                    templates.create(paged.id(), "Extra " + i, "pf", null).id().toString());
        }
        Fixtures.Key key = fx.key(paged, "runs:read");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Response r = http.get(
                    "/api/v1/bureau/templates?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    "X-API-Key",
                    key.secret());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode page = r.json();
            assertThat(page.get("object").getStringValue()).isEqualTo("list");
            page.get("data").values().forEach(t -> seen.add(t.get("id").getStringValue()));
            cursor = page.get("has_more").getBooleanValue()
                    ? page.get("next_cursor").getStringValue()
                    : null;
            if (cursor == null) {
                assertThat(page.get("next_cursor").isNull()).isTrue();
            }
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        java.util.Collections.reverse(created);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void badPagingParametersAre400() {
        assertProblem(
                http.get("/api/v1/bureau/templates?limit=0", "X-API-Key", reader.secret()), 400, "invalid_request");
        assertProblem(
                http.get("/api/v1/bureau/templates?limit=101", "X-API-Key", reader.secret()), 400, "invalid_request");
        assertProblem(
                http.get("/api/v1/bureau/templates?cursor=bm9wZQ", "X-API-Key", reader.secret()),
                400,
                "invalid_cursor");
        assertProblem(
                http.get("/api/v1/bureau/templates/not-a-uuid", "X-API-Key", reader.secret()), 400, "invalid_request");
    }

    @Test
    void aCursorIsSignedAndContinuesOnlyTheListingThatIssuedIt() {
        Fixtures.Tenant paged = fx.tenant("Corretora Cursores");
        server.bean(TemplateService.class).create(paged.id(), "Extra PF", "pf", null);
        Fixtures.Key all = fx.key(paged, "runs:read");
        Fixtures.Key pfOnly = fx.key(paged, Environment.SANDBOX, br.com.kycert.shared.SubjectType.PF, "runs:read");
        String cursor = http.get("/api/v1/bureau/templates?limit=1", "X-API-Key", all.secret())
                .json()
                .get("next_cursor")
                .getStringValue();
        assertThat(http.get("/api/v1/bureau/templates?limit=1&cursor=" + cursor, "X-API-Key", all.secret())
                        .status())
                .isEqualTo(200);
        // The same position, presented by a key with another restriction or of another tenant, or altered.
        assertProblem(
                http.get("/api/v1/bureau/templates?cursor=" + cursor, "X-API-Key", pfOnly.secret()),
                400,
                "invalid_cursor");
        assertProblem(
                http.get("/api/v1/bureau/templates?cursor=" + cursor, "X-API-Key", reader.secret()),
                400,
                "invalid_cursor");
        String position = cursor.substring(0, cursor.indexOf('.'));
        assertProblem(
                http.get("/api/v1/bureau/templates?cursor=" + position, "X-API-Key", all.secret()),
                400,
                "invalid_cursor");
    }

    // ------------------------------------------------------------------ the key matrix

    @ParameterizedTest
    @EnumSource(Operation.class)
    void noKeyIs401MissingApiKey(Operation op) {
        assertProblem(op.send(), 401, "missing_api_key");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void malformedOrMistypedKeyIs401InvalidApiKey(Operation op) {
        String secret = reader.secret();
        char last = secret.charAt(secret.length() - 1);
        assertProblem(
                op.send("X-API-Key", secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a')),
                401,
                "invalid_api_key");
        assertProblem(op.send("X-API-Key", "sk_test_tooshort"), 401, "invalid_api_key");
        assertProblem(op.send("X-API-Key", ApiKeyFormat.generate(Environment.SANDBOX)), 401, "invalid_api_key");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void revokedKeyGets401OnNextRequest(Operation op) {
        Fixtures.Key key = fx.key(tenant, "runs:read");
        assertThat(op.send("Authorization", "Bearer " + key.secret()).status()).isEqualTo(200);
        fx.revoke(key);
        assertProblem(op.send("Authorization", "Bearer " + key.secret()), 401, "invalid_api_key");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void aKeyWithNeitherRunScopeIs403NamingBoth(Operation op) {
        fx.approveDetail(tenant);
        Fixtures.Key detailOnly = fx.key(tenant, "detail:read");
        Http.Response r = op.send("X-API-Key", detailOnly.secret());
        assertProblem(r, 403, "insufficient_scope");
        assertThat(r.json().get("required_scopes").values())
                .extracting(JsonNode::getStringValue)
                .containsExactly("runs:write", "runs:read");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void eitherRunScopeAloneIsEnough(Operation op) {
        assertThat(op.send("X-API-Key", reader.secret()).status()).isEqualTo(200);
        assertThat(op.send("X-API-Key", writer.secret()).status()).isEqualTo(200);
    }

    @Test
    void aSubjectRestrictedKeySeesOnlyTemplatesOfItsType() {
        Fixtures.Key pfOnly = fx.key(tenant, Environment.SANDBOX, br.com.kycert.shared.SubjectType.PF, "runs:read");
        Http.Response list = http.get("/api/v1/bureau/templates?limit=100", "X-API-Key", pfOnly.secret());
        assertThat(list.json().get("data").values())
                .isNotEmpty()
                .allSatisfy(
                        t -> assertThat(t.get("subject_type").getStringValue()).isEqualTo("pf"));
        assertThat(http.get("/api/v1/bureau/templates/" + tenant.pfTemplate(), "X-API-Key", pfOnly.secret())
                        .status())
                .isEqualTo(200);
        Http.Response pj = http.get("/api/v1/bureau/templates/" + tenant.pjTemplate(), "X-API-Key", pfOnly.secret());
        assertProblem(pj, 403, "subject_type_not_allowed");
    }

    @Test
    void anotherTenantsTemplateIs404IdenticalToAMissingOne() {
        Http.Response foreign =
                http.get("/api/v1/bureau/templates/" + other.pfTemplate(), "X-API-Key", reader.secret());
        Http.Response missing = http.get("/api/v1/bureau/templates/" + UUID.randomUUID(), "X-API-Key", reader.secret());
        assertProblem(foreign, 404, "template_not_found");
        assertProblem(missing, 404, "template_not_found");
        assertThat(withoutRequestId(foreign)).isEqualTo(withoutRequestId(missing));
        Http.Response list = http.get("/api/v1/bureau/templates?limit=100", "X-API-Key", reader.secret());
        assertThat(list.json().get("data").values())
                .extracting(t -> t.get("id").getStringValue())
                .contains(tenant.pfTemplate().toString())
                .doesNotContain(
                        other.pfTemplate().toString(), other.pjTemplate().toString());
    }

    @Test
    void liveAndSandboxKeysSeeTheSameTemplates() {
        Fixtures.Key live = fx.key(tenant, Environment.LIVE, null, "runs:read");
        Http.Response sandbox = http.get("/api/v1/bureau/templates?limit=100", "X-API-Key", reader.secret());
        Http.Response production = http.get("/api/v1/bureau/templates?limit=100", "X-API-Key", live.secret());
        assertThat(production.status()).isEqualTo(200);
        assertThat(production.json().get("data")).isEqualTo(sandbox.json().get("data"));
        assertThat(http.get("/api/v1/bureau/templates/" + graded, "X-API-Key", live.secret())
                        .status())
                .isEqualTo(200);
    }

    private static String withoutRequestId(Http.Response r) {
        return r.body().replaceAll("\"request_id\":\"[^\"]+\"", "");
    }

    private static List<String> sources(JsonNode t) {
        List<String> out = new ArrayList<>();
        t.get("sources")
                .values()
                .forEach(s -> out.add(s.get("source").getStringValue() + ":"
                        + s.get("required").getBooleanValue() + ":"
                        + s.get("timeout_ms").getIntValue()));
        return out;
    }

    private static List<String> rules(JsonNode t) {
        List<String> out = new ArrayList<>();
        t.get("rules")
                .values()
                .forEach(r -> out.add(
                        r.get("rule").getStringValue() + ":" + r.get("source").getStringValue() + ":"
                                + r.get("outcome").getStringValue()));
        return out;
    }
}

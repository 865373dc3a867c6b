package br.com.kycert.auth;

import static br.com.kycert.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.keys.ApiKeyFormat;
import br.com.kycert.keys.ApiKeyParser;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reference page, operation by operation: every sentence about keys, scopes, prefixes,
 * restrictions, isolation, revocation and expiry, proven over real HTTP against PostgreSQL.
 */
class ApiKeyAuthIT {

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static Fixtures fx;
    static Fixtures.Tenant tenant;
    static Fixtures.Tenant other;
    static Fixtures.Key all;
    static Fixtures.Key live;
    static Fixtures.Key pfOnly;
    static Fixtures.Key otherTenant;
    static UUID pfRun;
    static UUID pjRun;

    /** The five operations of the reference page, each with the scope it requires. */
    enum Operation {
        CREATE_RUN("runs:write"),
        LIST_RUNS("runs:read"),
        GET_RUN("runs:read"),
        GET_RUN_ANALYSIS("runs:read"),
        GET_RUN_DETAIL("detail:read");

        final String scope;

        Operation(String scope) {
            this.scope = scope;
        }

        /** Sends this operation on the PF run (or a PF body) with the given auth headers. */
        Http.Response send(UUID run, String subjectType, String... auth) {
            UUID template = subjectType.equals("pf") ? tenant.pfTemplate() : tenant.pjTemplate();
            String doc = subjectType.equals("pf") ? Fixtures.CPF_CLEAR : Fixtures.CNPJ_CLEAR;
            return switch (this) {
                case CREATE_RUN ->
                    http.post("/api/v1/bureau/runs", Fixtures.createBody(template, subjectType, doc), auth);
                case LIST_RUNS -> http.get("/api/v1/bureau/runs", auth);
                case GET_RUN -> http.get("/api/v1/bureau/runs/" + run, auth);
                case GET_RUN_ANALYSIS -> http.get("/api/v1/bureau/runs/" + run + "/analysis", auth);
                case GET_RUN_DETAIL -> http.get("/api/v1/bureau/runs/" + run + "/detail", auth);
            };
        }

        Http.Response send(String... auth) {
            return send(pfRun, "pf", auth);
        }

        int success() {
            return this == CREATE_RUN ? 201 : 200;
        }
    }

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db);
        http = server.http();
        fx = new Fixtures(server, db);
        tenant = fx.tenant("Corretora A");
        other = fx.tenant("Corretora B");
        fx.approveDetail(tenant);
        fx.approveDetail(other);
        all = fx.key(tenant, "runs:write", "runs:read", "detail:read");
        live = fx.key(tenant, Environment.LIVE, null, "runs:write", "runs:read", "detail:read");
        pfOnly = fx.key(tenant, Environment.SANDBOX, SubjectType.PF, "runs:write", "runs:read", "detail:read");
        otherTenant = fx.key(other, "runs:write", "runs:read", "detail:read");
        pfRun = fx.run(all, tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR);
        pjRun = fx.run(all, tenant.pjTemplate(), "pj", Fixtures.CNPJ_CLEAR);
        fx.complete(pfRun, "review");
        fx.complete(pjRun, "approved");
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static void assertUnauthorized(Http.Response r, String code) {
        assertProblem(r, 401, code);
        assertThat(r.header("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer realm=\"kycert\""));
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void noKeyIs401MissingApiKey(Operation op) {
        assertUnauthorized(op.send(), "missing_api_key");
        assertUnauthorized(op.send("X-API-Key", ""), "missing_api_key");
        assertUnauthorized(op.send("Authorization", "Bearer "), "missing_api_key");
        assertUnauthorized(op.send("Authorization", "Basic dXNlcjpwYXNz"), "missing_api_key");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void malformedKeyIs401InvalidApiKey(Operation op) {
        for (String bad : List.of(
                "sk_test_tooshort",
                "pk_test_" + all.secret().substring(8),
                all.secret() + "x",
                all.secret().replace("sk_test_", "sk_prod_"),
                all.secret().substring(0, 20) + "!" + all.secret().substring(21))) {
            assertUnauthorized(op.send("X-API-Key", bad), "invalid_api_key");
            assertUnauthorized(op.send("Authorization", "Bearer " + bad), "invalid_api_key");
        }
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void badChecksumIs401InvalidApiKey(Operation op) {
        String secret = all.secret();
        char last = secret.charAt(secret.length() - 1);
        String mistyped = secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a');
        assertThat(ApiKeyParser.parse(mistyped)).isEmpty();
        assertUnauthorized(op.send("X-API-Key", mistyped), "invalid_api_key");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void unknownKeyIs401InvalidApiKey(Operation op) {
        String unknown = ApiKeyFormat.generate(Environment.SANDBOX);
        assertUnauthorized(op.send("X-API-Key", unknown), "invalid_api_key");
        assertUnauthorized(op.send("X-API-Key", ApiKeyFormat.generate(Environment.LIVE)), "invalid_api_key");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void revokedKeyGets401OnNextRequest(Operation op) {
        Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read", "detail:read");
        assertThat(op.send("X-API-Key", key.secret()).status()).isEqualTo(op.success());
        fx.revoke(key);
        assertUnauthorized(op.send("X-API-Key", key.secret()), "invalid_api_key");
        assertUnauthorized(op.send("Authorization", "Bearer " + key.secret()), "invalid_api_key");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void expiredKeyIs401InvalidApiKey(Operation op) {
        Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read", "detail:read");
        assertThat(op.send("X-API-Key", key.secret()).status()).isEqualTo(op.success());
        fx.expire(key);
        assertUnauthorized(op.send("X-API-Key", key.secret()), "invalid_api_key");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void inactiveKeyIs401InvalidApiKey(Operation op) {
        Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read", "detail:read");
        fx.sql("update api_keys set status = 'inactive' where id = ?", key.id());
        assertUnauthorized(op.send("X-API-Key", key.secret()), "invalid_api_key");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void missingScopeIs403NamingTheRequiredScope(Operation op) {
        String[] others = Stream.of("runs:write", "runs:read", "detail:read")
                .filter(s -> !s.equals(op.scope))
                .toArray(String[]::new);
        Fixtures.Key key = fx.key(tenant, others);
        Http.Response r = op.send("X-API-Key", key.secret());
        assertProblem(r, 403, "insufficient_scope");
        assertThat(r.json().get("required_scopes").get(0).getStringValue()).isEqualTo(op.scope);
        assertThat(r.json().get("required_scopes").size()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void onlyTheGrantedScopeIsNeeded(Operation op) {
        Fixtures.Key key = fx.key(tenant, op.scope);
        assertThat(op.send("X-API-Key", key.secret()).status()).isEqualTo(op.success());
    }

    @ParameterizedTest
    @EnumSource(
            value = Operation.class,
            names = {"CREATE_RUN", "GET_RUN", "GET_RUN_ANALYSIS", "GET_RUN_DETAIL"})
    void pfOnlyKeyOnAPjSubjectIs403SubjectTypeNotAllowed(Operation op) {
        Http.Response r = op.send(pjRun, "pj", "X-API-Key", pfOnly.secret());
        assertProblem(r, 403, "subject_type_not_allowed");
        assertThat(op.send(pfRun, "pf", "X-API-Key", pfOnly.secret()).status()).isEqualTo(op.success());
    }

    @Test
    void pfOnlyKeyListsOnlyPfRuns() {
        Http.Response r = Operation.LIST_RUNS.send("X-API-Key", pfOnly.secret());
        assertThat(r.status()).isEqualTo(200);
        var data = r.json().get("data");
        assertThat(data.size()).isGreaterThan(0);
        for (int i = 0; i < data.size(); i++) {
            assertThat(data.get(i).get("subject").get("type").getStringValue()).isEqualTo("pf");
        }
        var pj = http.get("/api/v1/bureau/runs?subject_type=pj", "X-API-Key", pfOnly.secret());
        assertThat(pj.status()).isEqualTo(200);
        assertThat(pj.json().get("data").size()).isZero();
    }

    @ParameterizedTest
    @EnumSource(
            value = Operation.class,
            names = {"GET_RUN", "GET_RUN_ANALYSIS", "GET_RUN_DETAIL"})
    void anotherTenantsRunIs404LikeAMissingOne(Operation op) {
        Http.Response foreign = op.send(pfRun, "pf", "X-API-Key", otherTenant.secret());
        Http.Response missing = op.send(UUID.randomUUID(), "pf", "X-API-Key", otherTenant.secret());
        assertProblem(foreign, 404, "run_not_found");
        assertThat(withoutRequestId(foreign)).isEqualTo(withoutRequestId(missing));
    }

    @ParameterizedTest
    @EnumSource(
            value = Operation.class,
            names = {"GET_RUN", "GET_RUN_ANALYSIS", "GET_RUN_DETAIL"})
    void anotherEnvironmentsRunIs404LikeAMissingOne(Operation op) {
        Http.Response foreign = op.send(pfRun, "pf", "X-API-Key", live.secret());
        Http.Response missing = op.send(UUID.randomUUID(), "pf", "X-API-Key", live.secret());
        assertProblem(foreign, 404, "run_not_found");
        assertThat(withoutRequestId(foreign)).isEqualTo(withoutRequestId(missing));
    }

    @Test
    void anotherTenantsTemplateIs404TemplateNotFound() {
        Http.Response r = http.post(
                "/api/v1/bureau/runs",
                Fixtures.createBody(tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR),
                "X-API-Key",
                otherTenant.secret());
        assertProblem(r, 404, "template_not_found");
    }

    @Test
    void listsNeverCrossTenantsOrEnvironments() {
        UUID liveRun = fx.run(live, tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR);
        String otherList = http.get("/api/v1/bureau/runs?limit=100", "X-API-Key", otherTenant.secret())
                .body();
        assertThat(otherList).doesNotContain(pfRun.toString(), pjRun.toString(), liveRun.toString());
        String sandboxList = http.get("/api/v1/bureau/runs?limit=100", "X-API-Key", all.secret())
                .body();
        assertThat(sandboxList).contains(pfRun.toString()).doesNotContain(liveRun.toString());
        var liveList = http.get("/api/v1/bureau/runs?limit=100", "X-API-Key", live.secret());
        assertThat(liveList.body()).contains(liveRun.toString()).doesNotContain(pfRun.toString());
        assertThat(liveList.json().get("data").get(0).get("environment").getStringValue())
                .isEqualTo("live");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void bothHeaderStylesAreAcceptedAndEquivalent(Operation op) {
        assertThat(op.send("X-API-Key", all.secret()).status()).isEqualTo(op.success());
        assertThat(op.send("Authorization", "Bearer " + all.secret()).status()).isEqualTo(op.success());
        assertThat(op.send("Authorization", "bearer " + all.secret()).status()).isEqualTo(op.success());
        assertThat(op.send("X-API-Key", all.secret(), "Authorization", "Bearer " + all.secret())
                        .status())
                .isEqualTo(op.success());
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void twoDifferentKeysInBothHeadersAre401(Operation op) {
        Fixtures.Key second = fx.key(tenant, "runs:write", "runs:read", "detail:read");
        assertUnauthorized(
                op.send("X-API-Key", all.secret(), "Authorization", "Bearer " + second.secret()), "invalid_api_key");
    }

    @Test
    void withdrawingDetailApprovalRemovesDetailAccessAtOnce() {
        Fixtures.Tenant t = fx.tenant("Corretora C");
        fx.approveDetail(t);
        Fixtures.Key key = fx.key(t, "runs:write", "detail:read");
        UUID run = fx.run(key, t.pfTemplate(), "pf", Fixtures.CPF_CLEAR);
        assertThat(http.get("/api/v1/bureau/runs/" + run + "/detail", "X-API-Key", key.secret())
                        .status())
                .isEqualTo(200);
        fx.revokeDetail(t);
        Http.Response r = http.get("/api/v1/bureau/runs/" + run + "/detail", "X-API-Key", key.secret());
        assertProblem(r, 403, "insufficient_scope");
        assertThat(r.json().get("required_scopes").get(0).getStringValue()).isEqualTo("detail:read");
        fx.approveDetail(t);
        assertThat(http.get("/api/v1/bureau/runs/" + run + "/detail", "X-API-Key", key.secret())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aLiveKeyCreatesLiveRunsAndASandboxKeySandboxRuns() {
        var sandbox = http.post(
                "/api/v1/bureau/runs",
                Fixtures.createBody(tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR),
                "X-API-Key",
                all.secret());
        var production = http.post(
                "/api/v1/bureau/runs",
                Fixtures.createBody(tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR),
                "X-API-Key",
                live.secret());
        assertThat(sandbox.json().get("environment").getStringValue()).isEqualTo("sandbox");
        assertThat(production.json().get("environment").getStringValue()).isEqualTo("live");
    }

    private static String withoutRequestId(Http.Response r) {
        return r.status() + " " + r.body().replaceAll("req_[0-9a-f]{32}", "req_");
    }
}

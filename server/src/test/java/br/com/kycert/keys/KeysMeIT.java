package br.com.kycert.keys;

import static br.com.kycert.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.shared.Environment;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/keys/me}: any valid key describes itself, never with its secret; the key matrix. */
class KeysMeIT {

    static final String ME = "/api/v1/keys/me";

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static Fixtures fx;
    static Fixtures.Tenant tenant;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db);
        http = server.http();
        fx = new Fixtures(server, db);
        tenant = fx.tenant("Corretora Chaves");
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @Test
    void aKeyDescribesItselfWithoutItsSecret() {
        Fixtures.Key key =
                fx.key(tenant, Environment.SANDBOX, br.com.kycert.shared.SubjectType.PF, "runs:write", "runs:read");
        Http.Response r = http.get(ME, "X-API-Key", key.secret());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode me = r.json();
        assertThat(me.get("id").getStringValue()).isEqualTo(key.id().toString());
        assertThat(me.get("object").getStringValue()).isEqualTo("api_key");
        assertThat(me.get("name").getStringValue()).isEqualTo("test key [runs:write, runs:read]");
        assertThat(me.get("environment").getStringValue()).isEqualTo("sandbox");
        assertThat(strings(me.get("scopes"))).containsExactly("runs:write", "runs:read");
        assertThat(strings(me.get("effective_scopes"))).containsExactly("runs:write", "runs:read");
        assertThat(me.get("subject_type").getStringValue()).isEqualTo("pf");
        assertThat(me.get("status").getStringValue()).isEqualTo("active");
        assertThat(me.get("last4").getStringValue())
                .isEqualTo(key.secret().substring(key.secret().length() - 4));
        assertThat(me.get("expires_at").isNull()).isTrue();
        assertThat(me.get("created_at").getStringValue()).endsWith("Z");
        assertThat(r.body())
                .doesNotContain(key.secret())
                .doesNotContain(key.secret().substring(8, 30));
    }

    @Test
    void anyScopeIsEnoughAndDetailReadCountsOnlyWhileApproved() {
        Fixtures.Tenant t = fx.tenant("Corretora Detalhe");
        fx.approveDetail(t);
        Fixtures.Key detailOnly = fx.key(t, "detail:read");
        assertThat(strings(http.get(ME, "X-API-Key", detailOnly.secret()).json().get("effective_scopes")))
                .containsExactly("detail:read");
        fx.revokeDetail(t);
        Http.Response r = http.get(ME, "Authorization", "Bearer " + detailOnly.secret());
        assertThat(r.status())
                .as("a key with no scope in force still describes itself")
                .isEqualTo(200);
        assertThat(strings(r.json().get("scopes"))).containsExactly("detail:read");
        assertThat(strings(r.json().get("effective_scopes"))).isEmpty();
    }

    @Test
    void aLiveKeySaysLive() {
        Fixtures.Key live = fx.key(tenant, Environment.LIVE, null, "runs:read");
        JsonNode me = http.get(ME, "X-API-Key", live.secret()).json();
        assertThat(me.get("environment").getStringValue()).isEqualTo("live");
        assertThat(me.get("subject_type").isNull()).isTrue();
    }

    @Test
    void missingMalformedUnknownRevokedAndExpiredKeysAre401() {
        assertProblem(http.get(ME), 401, "missing_api_key");
        assertProblem(http.get(ME, "X-API-Key", "sk_test_tooshort"), 401, "invalid_api_key");
        assertProblem(http.get(ME, "X-API-Key", ApiKeyFormat.generate(Environment.SANDBOX)), 401, "invalid_api_key");
        Fixtures.Key revoked = fx.key(tenant, "runs:read");
        assertThat(http.get(ME, "X-API-Key", revoked.secret()).status()).isEqualTo(200);
        fx.revoke(revoked);
        assertProblem(http.get(ME, "X-API-Key", revoked.secret()), 401, "invalid_api_key");
        Fixtures.Key expired = fx.key(tenant, "runs:read");
        fx.expire(expired);
        assertProblem(http.get(ME, "X-API-Key", expired.secret()), 401, "invalid_api_key");
    }

    @Test
    void anUnknownVersionIs400AfterTheKeyIsChecked() {
        Fixtures.Key key = fx.key(tenant, "runs:read");
        assertProblem(
                http.get(ME, "X-API-Key", key.secret(), "x-kycert-api-version", "2020-01-01"),
                400,
                "invalid_api_version");
        assertProblem(http.get(ME, "x-kycert-api-version", "2020-01-01"), 401, "missing_api_key");
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.values().forEach(v -> out.add(v.getStringValue()));
        return out;
    }
}

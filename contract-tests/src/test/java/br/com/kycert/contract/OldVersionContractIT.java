package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.contract.support.ContractTest;
import br.com.kycert.contract.support.World;
import br.com.kycert.versions.SpecVersions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Requests pinned to the deprecated version, every exchange validated against that version's own spec (the recorder
 * picks the spec by the version that served the response); and that spec is what the server serves for it.
 */
class OldVersionContractIT extends ContractTest {

    @Test
    void theOldVersionsSpecIsServedAsTheServerDerivesIt() throws Exception {
        // The spec document itself is not an operation of the spec, so it is fetched outside the recorder.
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(env().serverUrl() + "/openapi.yaml?version=" + OLD_API_VERSION))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .isEqualTo(new String(SpecVersions.render(OLD_API_VERSION).orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void runsPinnedToTheOldVersionConformToItsSpec() {
        World w = world();
        var created = http().post(
                        RUNS,
                        createBody(w.alfa.pfTemplate(), "pf", CPF_CLEAR, "cust_old"),
                        "X-API-Key",
                        w.full.secret(),
                        "x-kycert-api-version",
                        OLD_API_VERSION);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("x-kycert-api-version")).hasValue(OLD_API_VERSION);
        assertThat(created.header("Deprecation")).isPresent();
        assertThat(created.json().path("subject").path("doc_masked").asText()).isEqualTo("***.000.001-**");
        assertThat(created.json().path("subject").has("doc")).isFalse();
        String id = created.json().path("id").asText();
        var run = http().get(RUNS + "/" + id, "X-API-Key", w.full.secret(), "x-kycert-api-version", OLD_API_VERSION);
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.json().path("subject").has("doc_masked")).isTrue();
        var list = http().get(RUNS + "?limit=5", "X-API-Key", w.full.secret(), "x-kycert-api-version", OLD_API_VERSION);
        assertThat(list.status()).isEqualTo(200);
        list.json()
                .path("data")
                .forEach(each ->
                        assertThat(each.path("subject").has("doc_masked")).isTrue());
        var template = http().get(
                        "/api/v1/bureau/templates/" + w.alfa.pfTemplate(),
                        "X-API-Key",
                        w.full.secret(),
                        "x-kycert-api-version",
                        OLD_API_VERSION);
        assertThat(template.status()).isEqualTo(200);
        var me = http().get("/api/v1/keys/me", "X-API-Key", w.full.secret(), "x-kycert-api-version", OLD_API_VERSION);
        assertThat(me.status()).isEqualTo(200);
        var templates = http().get(
                        "/api/v1/bureau/templates?limit=2",
                        "X-API-Key",
                        w.full.secret(),
                        "x-kycert-api-version",
                        OLD_API_VERSION);
        assertThat(templates.status()).isEqualTo(200);
    }

    @Test
    void theAnalysisAndTheDetailPinnedToTheOldVersionConformToItsSpec() {
        World w = world();
        UUID completed = createRun(w.detail, w.beta.pfTemplate(), "pf", CPF_PEP, "cust_old_detail");
        env().complete(completed, "review");
        var analysis = http().get(
                        RUNS + "/" + completed + "/analysis",
                        "X-API-Key",
                        w.detail.secret(),
                        "x-kycert-api-version",
                        OLD_API_VERSION);
        assertThat(analysis.status()).as(analysis.body()).isEqualTo(200);
        assertThat(analysis.header("x-kycert-api-version")).hasValue(OLD_API_VERSION);
        var detail = http().get(
                        RUNS + "/" + completed + "/detail",
                        "X-API-Key",
                        w.detail.secret(),
                        "x-kycert-api-version",
                        OLD_API_VERSION);
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        // The detail has the full document in every version.
        assertThat(detail.json().path("subject").path("doc").asText()).isEqualTo("90000000256");
        assertThat(detail.header("Sunset")).hasValue("Wed, 01 Dec 2027 00:00:00 GMT");
    }

    @Test
    void healthPinnedToTheOldVersionAnswersInIt() {
        for (String path : new String[] {"/health", "/health/liveness"}) {
            var r = http().get(path, "x-kycert-api-version", OLD_API_VERSION);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("x-kycert-api-version")).as(path).hasValue(OLD_API_VERSION);
        }
    }
}

package br.com.kycert.versions;

import static br.com.kycert.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.Environment;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import br.com.kycert.webhooks.WebhookService;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same requests pinned to each published version get that version's documented shape and headers. */
class VersionsIT {

    static final String OLD = "2026-06-03";
    static final String NEW = "2026-12-01";
    static final String RUNS = "/api/v1/bureau/runs";

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static Fixtures fx;
    static Fixtures.Tenant tenant;
    static Fixtures.Key key;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db);
        http = server.http();
        fx = new Fixtures(server, db);
        tenant = fx.tenant("Corretora Versões");
        fx.approveDetail(tenant);
        key = fx.key(tenant, "runs:write", "runs:read", "detail:read");
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static Http.Response create(String version, String idempotencyKey) {
        String body = Fixtures.createBody(tenant.pfTemplate(), "pf", "529.982.247-25");
        return idempotencyKey == null
                ? http.post(RUNS, body, "X-API-Key", key.secret(), "x-kycert-api-version", version)
                : http.post(
                        RUNS,
                        body,
                        "X-API-Key",
                        key.secret(),
                        "x-kycert-api-version",
                        version,
                        "Idempotency-Key",
                        idempotencyKey);
    }

    @Test
    void theLatestVersionMasksTheDocumentInSubjectDoc() {
        Http.Response r = http.post(
                RUNS, Fixtures.createBody(tenant.pfTemplate(), "pf", "529.982.247-25"), "X-API-Key", key.secret());
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("x-kycert-api-version")).hasValue(NEW);
        JsonNode subject = r.json().get("subject");
        assertThat(subject.get("doc").getStringValue()).isEqualTo("***.982.247-**");
        assertThat(subject.get("doc_masked")).isNull();
        assertThat(r.header("Deprecation")).isEmpty();
        assertThat(r.header("Sunset")).isEmpty();
        assertThat(r.body()).doesNotContain("52998224725");
    }

    @Test
    void thePinnedOldVersionKeepsDocMaskedAndSaysItIsDeprecated() {
        Http.Response r = create(OLD, null);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("x-kycert-api-version")).hasValue(OLD);
        JsonNode subject = r.json().get("subject");
        assertThat(subject.get("doc_masked").getStringValue()).isEqualTo("***.982.247-**");
        assertThat(subject.get("doc")).isNull();
        assertThat(r.header("Deprecation")).hasValue("@1796083200");
        assertThat(r.header("Sunset")).hasValue("Wed, 01 Dec 2027 00:00:00 GMT");
        assertThat(r.header("Link")).hasValue("</docs/changelog.html>; rel=\"deprecation\"; type=\"text/html\"");

        String id = r.json().get("id").getStringValue();
        for (String version : new String[] {OLD, NEW}) {
            JsonNode run = http.get(RUNS + "/" + id, "X-API-Key", key.secret(), "x-kycert-api-version", version)
                    .json();
            assertThat(run.get("subject")
                            .get(version.equals(OLD) ? "doc_masked" : "doc")
                            .getStringValue())
                    .isEqualTo("***.982.247-**");
            JsonNode page = http.get(RUNS + "?limit=100", "X-API-Key", key.secret(), "x-kycert-api-version", version)
                    .json();
            page.get("data").values().forEach(each -> {
                assertThat(each.get("subject").get(version.equals(OLD) ? "doc_masked" : "doc"))
                        .isNotNull();
                assertThat(each.get("subject").get(version.equals(OLD) ? "doc" : "doc_masked"))
                        .isNull();
            });
            JsonNode detail = http.get(
                            RUNS + "/" + id + "/detail", "X-API-Key", key.secret(), "x-kycert-api-version", version)
                    .json();
            assertThat(detail.get("subject").get("doc").getStringValue())
                    .as("the full document, in every version")
                    .isEqualTo("52998224725");
        }
    }

    @Test
    void problemsAreTheSameInEveryVersionAndAlsoCarryTheDeprecation() {
        Http.Response old =
                http.get(RUNS + "/" + UUID.randomUUID(), "X-API-Key", key.secret(), "x-kycert-api-version", OLD);
        assertThat(old.status()).isEqualTo(404);
        assertThat(old.json().get("code").getStringValue()).isEqualTo("run_not_found");
        assertThat(old.header("Deprecation")).isPresent();
        assertProblem(
                http.get(RUNS, "X-API-Key", key.secret(), "x-kycert-api-version", "2026-06-04"),
                400,
                "invalid_api_version");
    }

    @Test
    void anIdempotentReplayIsRenderedInTheReplayingRequestsVersion() {
        String k1 = "replay-" + UUID.randomUUID();
        Http.Response first = create(NEW, k1);
        Http.Response replay = create(OLD, k1);
        assertThat(replay.header("Idempotency-Replayed")).hasValue("true");
        assertThat(replay.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(first.json().get("subject").get("doc")).isNotNull();
        assertThat(replay.json().get("subject").get("doc_masked").getStringValue())
                .isEqualTo("***.982.247-**");
        assertThat(replay.json().get("subject").get("doc")).isNull();

        String k2 = "replay-" + UUID.randomUUID();
        Http.Response firstOld = create(OLD, k2);
        Http.Response replayNew = create(NEW, k2);
        assertThat(firstOld.json().get("subject").get("doc_masked")).isNotNull();
        assertThat(replayNew.json().get("subject").get("doc").getStringValue()).isEqualTo("***.982.247-**");
        assertThat(replayNew.json().get("subject").get("doc_masked")).isNull();
    }

    @Test
    void everyVersionsSpecIsServed() {
        Http.Response latest = http.get("/openapi.yaml?version=" + NEW);
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.body()).isEqualTo(http.get("/openapi.yaml").body());
        Http.Response old = http.get("/openapi.yaml?version=" + OLD);
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.body()).contains("doc_masked").contains("version: '" + OLD + "'");
        assertProblem(http.get("/openapi.yaml?version=2020-01-01"), 400, "invalid_api_version");
    }

    @Test
    void webhookEndpointsArePinnedWhenCreatedAndEventsRenderedInTheirVersion() throws Exception {
        WebhookService webhooks = server.bean(WebhookService.class);
        assertThat(webhooks.add(tenant.id(), Environment.SANDBOX, "https://example.com/hook", "test")
                        .endpoint()
                        .apiVersion())
                .isEqualTo(NEW);
        assertThat(webhooks.add(tenant.id(), Environment.SANDBOX, "https://example.com/old", OLD, "test")
                        .endpoint()
                        .apiVersion())
                .isEqualTo(OLD);
        assertThatThrownBy(() ->
                        webhooks.add(tenant.id(), Environment.SANDBOX, "https://example.com/x", "2020-01-01", "t"))
                .isInstanceOfSatisfying(
                        DomainException.class,
                        e -> assertThat(e.faults()).singleElement().satisfies(f -> {
                            assertThat(f.field()).isEqualTo("api_version");
                            assertThat(f.violation()).isEqualTo(DomainException.Violation.UNKNOWN_VALUE);
                        }));
        EventRenderer renderer = server.bean(EventRenderer.class);
        String stored = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"run.completed\",\"api_version\":\"" + NEW
                + "\",\"data\":{\"run_id\":\"r\"}}";
        JsonMapper json = JsonMapper.createDefault();
        JsonNode old = json.readValue(renderer.render(stored, OLD), JsonNode.class);
        assertThat(old.get("api_version").getStringValue()).isEqualTo(OLD);
        assertThat(old.get("data").get("run_id").getStringValue()).isEqualTo("r");
        assertThat(json.readValue(renderer.render(stored, NEW), JsonNode.class)
                        .get("api_version")
                        .getStringValue())
                .isEqualTo(NEW);
    }
}

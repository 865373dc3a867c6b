package br.com.kycert.shared.web;

import static br.com.kycert.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What every client sees on every response: problems, request ids, versions, bad input as 4xx. */
class HttpConventionsIT {

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static Fixtures fixtures;
    static Fixtures.Tenant tenant;
    static Fixtures.Key key;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db);
        http = server.http();
        fixtures = new Fixtures(server, db);
        tenant = fixtures.tenant("Conventions");
        key = fixtures.key(tenant, "runs:write", "runs:read");
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @Test
    void healthIsOpenAndCarriesTheStandardHeaders() {
        var r = http.get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").getStringValue()).isEqualTo("up");
        assertThat(r.header("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("req_[0-9a-f]{32}"));
        assertThat(r.header("x-kycert-api-version")).hasValue("2026-12-01");
    }

    @Test
    void livenessIsOpenAndAnswersLikeReadiness() {
        var r = http.get("/health/liveness");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().get("status").getStringValue()).isEqualTo("up");
        assertThat(r.header("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("req_[0-9a-f]{32}"));
    }

    @Test
    void probesAnswerJsonWhateverAcceptSaysAndIgnoreQueryParameters() {
        for (String path : new String[] {"/health", "/health/liveness", "/health?probe=lb", "/health/liveness?x=1"}) {
            for (String accept : new String[] {"text/html", "application/xml", "*/*;q=0"}) {
                var r = http.get(path, "Accept", accept);
                assertThat(r.status()).as(path + " Accept: " + accept).isEqualTo(200);
                assertThat(r.contentType()).as(path).startsWith("application/json");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "GET,/api/v1/bureau/runs",
        "POST,/api/v1/bureau/runs",
        "GET,/api/v1/bureau/runs/3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "GET,/api/v1/bureau/runs/3fa85f64-5717-4562-b3fc-2c963f66afa6/analysis",
        "GET,/api/v1/bureau/runs/3fa85f64-5717-4562-b3fc-2c963f66afa6/detail"
    })
    void everyOperationAnswers401MissingApiKeyWithoutAKey(String method, String path) {
        var r = http.send(method, path, method.equals("POST") ? "{}" : null, "Content-Type", "application/json");
        assertProblem(r, 401, "missing_api_key");
        assertThat(r.header("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(r.header("x-kycert-api-version")).hasValue("2026-12-01");
    }

    @Test
    void requestIdsAreUniquePerRequest() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ids.add(http.get("/health").header("X-Request-Id").orElseThrow());
        }
        assertThat(ids).hasSize(20);
    }

    @Test
    void pinnedVersionIsEchoedAndUnknownVersionIs400AfterAuthentication() {
        var ok = http.get("/api/v1/bureau/runs", "X-API-Key", key.secret(), "x-kycert-api-version", "2026-06-03");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("x-kycert-api-version")).hasValue("2026-06-03");

        var unknown = http.get("/api/v1/bureau/runs", "X-API-Key", key.secret(), "x-kycert-api-version", "2020-01-01");
        assertProblem(unknown, 400, "invalid_api_version");
        assertThat(unknown.header("x-kycert-api-version")).hasValue("2026-12-01");

        // Authentication comes first in the check order.
        var noKey = http.get("/api/v1/bureau/runs", "x-kycert-api-version", "2020-01-01");
        assertProblem(noKey, 401, "missing_api_key");
    }

    @Test
    void unknownRouteWrongMethodAndWrongMediaTypeAreProblems() {
        assertProblem(http.get("/api/v1/nothing-here", "X-API-Key", key.secret()), 404, "route_not_found");
        assertProblem(http.get("/nothing-here"), 404, "route_not_found");
        assertProblem(
                http.send("DELETE", "/api/v1/bureau/runs", null, "X-API-Key", key.secret()), 405, "method_not_allowed");
        assertProblem(
                http.post("/api/v1/bureau/runs", "x", "X-API-Key", key.secret(), "Content-Type", "text/plain"),
                415,
                "unsupported_media_type");
    }

    @Test
    void clientsThatPreferHtmlStillGetProblemJson() {
        assertProblem(http.get("/nothing-here", "Accept", "text/html"), 404, "route_not_found");
        assertProblem(
                http.get("/api/v1/bureau/runs", "X-API-Key", key.secret(), "Accept", "text/html"),
                406,
                "not_acceptable");
        // Content negotiation is settled while routing, before authentication: nothing is revealed.
        assertProblem(http.get("/api/v1/bureau/runs", "Accept", "text/html"), 406, "not_acceptable");
        var browser = http.get("/api/v1/bureau/runs", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertProblem(browser, 401, "missing_api_key");
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"external_id\":\"" + "a".repeat(70_000) + "\"}";
        assertProblem(http.post("/api/v1/bureau/runs", huge, "X-API-Key", key.secret()), 413, "request_too_large");
    }

    @Test
    void malformedBodiesAre400InvalidRequestNamingTheProblem() {
        var badJson = http.post("/api/v1/bureau/runs", "{bad json", "X-API-Key", key.secret());
        assertProblem(badJson, 400, "invalid_request");
        assertThat(badJson.json().get("errors").get(0).get("field").getStringValue())
                .isEqualTo("body");

        var noBody = http.send(
                "POST", "/api/v1/bureau/runs", null, "X-API-Key", key.secret(), "Content-Type", "application/json");
        assertProblem(noBody, 400, "invalid_request");

        var array = http.post("/api/v1/bureau/runs", "[1,2]", "X-API-Key", key.secret());
        assertProblem(array, 400, "invalid_request");

        var wrongType = http.post(
                "/api/v1/bureau/runs",
                "{\"template_id\":5,\"subject\":{\"type\":\"pf\",\"doc\":\"x\",\"name\":\"y\"}}",
                "X-API-Key",
                key.secret());
        assertProblem(wrongType, 400, "invalid_request");
        assertThat(wrongType.json().get("errors").get(0).get("field").getStringValue())
                .isEqualTo("template_id");

        var badUtf8 = http.sendBytes(
                "POST",
                "/api/v1/bureau/runs",
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'},
                "X-API-Key",
                key.secret(),
                "Content-Type",
                "application/json");
        assertProblem(badUtf8, 400, "invalid_encoding");
    }

    @Test
    void unknownFieldsAreRejectedByName() {
        String body = "{\"template_id\":\"" + tenant.pfTemplate() + "\",\"subject\":{\"type\":\"pf\",\"doc\":\""
                + Fixtures.CPF_CLEAR + "\",\"nmae\":\"Ana\"}}";
        long before = fixtures.count("select count(*) from runs");
        var r = http.post("/api/v1/bureau/runs", body, "X-API-Key", key.secret());
        assertProblem(r, 400, "invalid_request");
        assertThat(r.json().get("errors").get(0).get("field").getStringValue()).isEqualTo("subject.nmae");
        assertThat(r.json().get("errors").get(0).get("code").getStringValue()).isEqualTo("unknown_field");
        assertThat(fixtures.count("select count(*) from runs")).isEqualTo(before);
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        var badId = http.get("/api/v1/bureau/runs/not-a-uuid", "X-API-Key", key.secret());
        assertProblem(badId, 400, "invalid_request");
        assertThat(badId.json().get("errors").get(0).get("field").getStringValue())
                .isEqualTo("id");

        for (String query : new String[] {
            "limit=0",
            "limit=101",
            "limit=abc",
            "status=done",
            "decision=maybe",
            "template_id=nope",
            "subject_type=px",
            "created_after=yesterday",
            "cursor=%21%21",
            "cursor=" + "A".repeat(600)
        }) {
            var r = http.get("/api/v1/bureau/runs?" + query, "X-API-Key", key.secret());
            assertProblem(r, 400, query.startsWith("cursor=") ? "invalid_cursor" : "invalid_request");
            assertThat(r.json().get("errors").get(0).get("field").getStringValue())
                    .isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void unknownQueryParametersAre400NamingThem() {
        var typo = http.get("/api/v1/bureau/runs?stauts=queued&limit=5", "X-API-Key", key.secret());
        assertProblem(typo, 400, "invalid_request");
        assertThat(typo.json().get("errors").get(0).get("field").getStringValue())
                .isEqualTo("stauts");
        assertThat(typo.json().get("errors").get(0).get("code").getStringValue())
                .isEqualTo("unknown_parameter");
        var onGet = http.get("/api/v1/bureau/runs/" + UUID.randomUUID() + "?expand=all", "X-API-Key", key.secret());
        assertProblem(onGet, 400, "invalid_request");
        // Authentication still comes first.
        assertProblem(http.get("/api/v1/bureau/runs?stauts=queued"), 401, "missing_api_key");
        assertThat(http.get("/api/v1/bureau/runs?limit=5&status=queued", "X-API-Key", key.secret())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void parametersAreReadStrictly() {
        for (String query : new String[] {
            "limit=",
            "status=",
            "status=QUEUED",
            "subject_type=PF",
            "template_id=1-1-1-1-1",
            "external_id=a%00b",
            "external_id=%C3%28",
            "status=queued&status=failed",
            "external_id=a&external_id=b"
        }) {
            var r = http.get("/api/v1/bureau/runs?" + query, "X-API-Key", key.secret());
            assertProblem(r, 400, query.startsWith("cursor=") ? "invalid_cursor" : "invalid_request");
        }
        var badPath = http.get("/api/v1/bureau/runs/1-1-1-1-1", "X-API-Key", key.secret());
        assertProblem(badPath, 400, "invalid_request");
        assertThat(badPath.json().get("errors").get(0).get("field").getStringValue())
                .isEqualTo("id");
    }

    @Test
    void bodiesMustBeJsonAndAreNeverCoerced() {
        String good = "{\"template_id\":\"" + tenant.pfTemplate() + "\",\"subject\":{\"type\":\"pf\",\"doc\":\""
                + Fixtures.CPF_CLEAR + "\",\"name\":\"Ana\"}}";
        assertProblem(
                http.send("POST", "/api/v1/bureau/runs", good, "X-API-Key", key.secret()),
                415,
                "unsupported_media_type");
        assertProblem(
                http.post("/api/v1/bureau/runs", good, "X-API-Key", key.secret(), "Content-Type", "garbage"),
                415,
                "unsupported_media_type");
        assertProblem(
                http.post("/api/v1/bureau/runs", good, "X-API-Key", key.secret(), "Content-Encoding", "gzip"),
                400,
                "invalid_request");
        for (String[] bad : new String[][] {
            {"\"name\":\"Ana\"", "\"name\":123", "subject.name"},
            {"\"name\":\"Ana\"", "\"name\":[\"Ana\"]", "subject.name"},
            {"\"name\":\"Ana\"", "\"name\":\"Ana\\u0000\"", "subject.name"},
            {"\"type\":\"pf\"", "\"type\":[\"pf\"]", "subject.type"},
            {"\"template_id\":\"" + tenant.pfTemplate() + "\"", "\"template_id\":\"1-1-1-1-1\"", "template_id"},
            {"\"template_id\":\"" + tenant.pfTemplate() + "\"", "\"template_id\":true", "template_id"}
        }) {
            var r = http.post("/api/v1/bureau/runs", good.replace(bad[0], bad[1]), "X-API-Key", key.secret());
            assertProblem(r, 400, "invalid_request");
            assertThat(r.json().get("errors").get(0).get("field").getStringValue())
                    .as(bad[1])
                    .isEqualTo(bad[2]);
        }
        assertThat(http.post(
                                "/api/v1/bureau/runs",
                                good,
                                "X-API-Key",
                                key.secret(),
                                "Content-Type",
                                "application/json; charset=utf-8")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void theContractIsServedAsWritten() {
        var r = http.get("/openapi.yaml");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).startsWith("openapi: 3.0.3").contains("operationId: createRun");
    }

    @Test
    void missingRunIs404RunNotFound() {
        assertProblem(
                http.get("/api/v1/bureau/runs/" + UUID.randomUUID(), "X-API-Key", key.secret()), 404, "run_not_found");
    }
}

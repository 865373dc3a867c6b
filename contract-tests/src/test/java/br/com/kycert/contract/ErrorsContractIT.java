package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.contract.support.ContractTest;
import br.com.kycert.contract.support.RawHttp;
import br.com.kycert.contract.support.World;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every documented error of every operation over raw HTTP, every exchange validated against the spec. */
class ErrorsContractIT extends ContractTest {

    /** The five operations, each able to send a request that would succeed with the right key. */
    enum Op {
        CREATE_RUN("createRun"),
        LIST_RUNS("listRuns"),
        GET_RUN("getRun"),
        GET_RUN_ANALYSIS("getRunAnalysis"),
        GET_RUN_DETAIL("getRunDetail");

        final String id;

        Op(String id) {
            this.id = id;
        }

        RawHttp.Response send(UUID run, String... headers) {
            return switch (this) {
                case CREATE_RUN ->
                    http().post(RUNS, createBody(world().alfa.pfTemplate(), "pf", CPF_CLEAR, "cust_err"), headers);
                case LIST_RUNS -> http().get(RUNS, headers);
                case GET_RUN -> http().get(RUNS + "/" + run, headers);
                case GET_RUN_ANALYSIS -> http().get(RUNS + "/" + run + "/analysis", headers);
                case GET_RUN_DETAIL -> http().get(RUNS + "/" + run + "/detail", headers);
            };
        }
    }

    /** A completed PF run of tenant alfa, and a completed PJ run of each tenant. */
    static UUID alfaPf;

    static UUID alfaPj;
    static UUID betaPj;

    @BeforeAll
    static void runs() {
        World w = world();
        alfaPf = createRun(w.full, w.alfa.pfTemplate(), "pf", CPF_CLEAR, "cust_err_pf");
        alfaPj = createRun(w.full, w.alfa.pjTemplate(), "pj", CNPJ_ALPHANUMERIC_CLEAR, "cust_err_pj");
        betaPj = createRun(w.detail, w.beta.pjTemplate(), "pj", CNPJ_NUMERIC_CLEAR, "cust_err_beta_pj");
        for (UUID id : List.of(alfaPf, alfaPj, betaPj)) {
            env().complete(id, "approved");
        }
    }

    static JsonNode assertProblem(RawHttp.Response r, int status, String code) {
        assertThat(r.status()).as(r.exchange().summary() + "\n" + r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.header("X-Request-Id")).isPresent();
        assertThat(r.header("x-kycert-api-version")).hasValue(API_VERSION);
        assertThat(r.body()).doesNotContain("Exception", "io.micronaut", "br.com.kycert.");
        return r.json();
    }

    // ---------------------------------------------------------------- 403 origin_not_allowed

    @ParameterizedTest
    @EnumSource(Op.class)
    void anotherSitesOriginIs403OriginNotAllowed(Op op) {
        assertProblem(
                op.send(alfaPf, "X-API-Key", world().full.secret(), "Origin", "https://evil.example"),
                403,
                "origin_not_allowed");
    }

    // ---------------------------------------------------------------- 401

    @ParameterizedTest
    @EnumSource(Op.class)
    void missingKeyIs401MissingApiKey(Op op) {
        RawHttp.Response r;
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            r = op.send(alfaPf);
        }
        assertProblem(r, 401, "missing_api_key");
        assertThat(r.header("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void malformedKeyIs401InvalidApiKey(Op op) {
        var r = op.send(alfaPf, "X-API-Key", "sk_test_thisIsNotAKycertKey00000000000000");
        assertProblem(r, 401, "invalid_api_key");
        assertThat(r.header("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void revokedKeyAndConflictingHeadersAre401InvalidApiKey() {
        World w = world();
        assertProblem(Op.GET_RUN.send(alfaPf, "X-API-Key", w.revoked.secret()), 401, "invalid_api_key");
        assertProblem(Op.GET_RUN.send(alfaPf, "Authorization", "Bearer " + w.revoked.secret()), 401, "invalid_api_key");
        // The spec: "if both are sent they must carry the same key, otherwise ... 401 invalid_api_key".
        assertProblem(
                Op.GET_RUN.send(alfaPf, "X-API-Key", w.full.secret(), "Authorization", "Bearer " + w.reader.secret()),
                401,
                "invalid_api_key");
    }

    // ---------------------------------------------------------------- 403

    @ParameterizedTest
    @EnumSource(Op.class)
    void keyWithoutTheOperationsScopeIs403InsufficientScope(Op op) {
        World w = world();
        World.Key key = switch (op) {
            case CREATE_RUN -> w.reader;
            case LIST_RUNS, GET_RUN, GET_RUN_ANALYSIS -> w.writer;
            case GET_RUN_DETAIL -> w.full;
        };
        JsonNode problem = assertProblem(op.send(alfaPf, "X-API-Key", key.secret()), 403, "insufficient_scope");
        List<String> required = new ArrayList<>();
        problem.path("required_scopes").forEach(s -> required.add(s.asText()));
        assertThat(required)
                .containsExactlyElementsOf(recorder().spec().operation(op.id).roles());
    }

    @Test
    void detailWithoutDetailScopeIs403EvenForAnApprovedTenant() {
        assertProblem(
                Op.GET_RUN_DETAIL.send(betaPj, "X-API-Key", world().betaReader.secret()), 403, "insufficient_scope");
    }

    @Test
    void subjectRestrictedKeyIs403SubjectTypeNotAllowedForTheOtherType() {
        World w = world();
        assertProblem(
                http().post(
                                RUNS,
                                createBody(w.alfa.pjTemplate(), "pj", CNPJ_ALPHANUMERIC_CLEAR, null),
                                "X-API-Key",
                                w.pfOnly.secret()),
                403,
                "subject_type_not_allowed");
        assertProblem(Op.GET_RUN.send(alfaPj, "X-API-Key", w.pfOnly.secret()), 403, "subject_type_not_allowed");
        assertProblem(
                Op.GET_RUN_ANALYSIS.send(alfaPj, "X-API-Key", w.pfOnly.secret()), 403, "subject_type_not_allowed");
        assertProblem(
                Op.GET_RUN_DETAIL.send(betaPj, "X-API-Key", w.detailPfOnly.secret()), 403, "subject_type_not_allowed");
        // Its own type is fine.
        assertThat(Op.GET_RUN.send(alfaPf, "X-API-Key", w.pfOnly.secret()).status())
                .isEqualTo(200);
    }

    @Test
    void subjectRestrictedKeyListsOnlyItsTypeInsteadOf403() {
        World w = world();
        var all = http().get(RUNS + "?limit=100", "X-API-Key", w.pfOnly.secret());
        assertThat(all.status()).isEqualTo(200);
        all.json()
                .path("data")
                .forEach(run ->
                        assertThat(run.path("subject").path("type").asText()).isEqualTo("pf"));
        var other = http().get(RUNS + "?subject_type=pj", "X-API-Key", w.pfOnly.secret());
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.json().path("data").size()).isZero();
    }

    // ---------------------------------------------------------------- 400

    @ParameterizedTest
    @EnumSource(Op.class)
    void unknownApiVersionIs400InvalidApiVersion(Op op) {
        World.Key key = op == Op.GET_RUN_DETAIL ? world().detail : world().full;
        UUID run = op == Op.GET_RUN_DETAIL ? betaPj : alfaPf;
        RawHttp.Response r;
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            r = op.send(run, "X-API-Key", key.secret(), "x-kycert-api-version", "2020-01-01");
        }
        assertProblem(r, 400, "invalid_api_version");
    }

    @Test
    void malformedBodiesAre400InvalidRequest() {
        World w = world();
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            var badJson = http().post(RUNS, "{bad json", "X-API-Key", w.full.secret());
            assertThat(assertProblem(badJson, 400, "invalid_request")
                            .path("errors")
                            .get(0)
                            .path("field")
                            .asText())
                    .isEqualTo("body");

            String typo = "{\"template_id\":\"" + w.alfa.pfTemplate() + "\",\"subject\":{\"type\":\"pf\",\"doc\":\""
                    + CPF_CLEAR + "\",\"nmae\":\"Ana\"}}";
            var unknownField = http().post(RUNS, typo, "X-API-Key", w.full.secret());
            JsonNode error = assertProblem(unknownField, 400, "invalid_request")
                    .path("errors")
                    .get(0);
            assertThat(error.path("field").asText()).isEqualTo("subject.nmae");
            assertThat(error.path("code").asText()).isEqualTo("unknown_field");

            var badIdempotencyKey = http().post(
                            RUNS,
                            createBody(w.alfa.pfTemplate(), "pf", CPF_CLEAR, null),
                            "X-API-Key",
                            w.full.secret(),
                            "Idempotency-Key",
                            "has spaces");
            assertProblem(badIdempotencyKey, 400, "invalid_request");
        }
    }

    @Test
    void badParametersAre400InvalidRequestNamingThem() {
        World w = world();
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            for (String query : List.of("limit=0", "limit=101", "status=done", "created_after=yesterday")) {
                var r = http().get(RUNS + "?" + query, "X-API-Key", w.full.secret());
                assertThat(assertProblem(r, 400, "invalid_request")
                                .path("errors")
                                .get(0)
                                .path("field")
                                .asText())
                        .isEqualTo(query.substring(0, query.indexOf('=')));
            }
            for (String suffix : List.of("", "/analysis")) {
                var r = http().get(RUNS + "/not-a-uuid" + suffix, "X-API-Key", w.full.secret());
                assertThat(assertProblem(r, 400, "invalid_request")
                                .path("errors")
                                .get(0)
                                .path("field")
                                .asText())
                        .isEqualTo("id");
            }
            var detail = http().get(RUNS + "/not-a-uuid/detail", "X-API-Key", w.detail.secret());
            assertThat(assertProblem(detail, 400, "invalid_request")
                            .path("errors")
                            .get(0)
                            .path("field")
                            .asText())
                    .isEqualTo("id");
        }
    }

    // ---------------------------------------------------------------- check order

    @Test
    void errorsFollowTheDocumentedCheckOrder() {
        World w = world();
        String badDoc = createBody(UUID.randomUUID(), "pj", "123", null);
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            // Authentication (401) before scope, version and syntax.
            assertProblem(http().post(RUNS, "{bad", "x-kycert-api-version", "2020-01-01"), 401, "missing_api_key");
            // Scope (403) before version and syntax.
            assertProblem(
                    http().post(RUNS, "{bad", "X-API-Key", w.reader.secret(), "x-kycert-api-version", "2020-01-01"),
                    403,
                    "insufficient_scope");
            // Version (400) before syntax.
            assertProblem(
                    http().post(RUNS, "{bad", "X-API-Key", w.pfOnly.secret(), "x-kycert-api-version", "2020-01-01"),
                    400,
                    "invalid_api_version");
            // Syntax (400) before subject type.
            assertProblem(http().post(RUNS, "{bad", "X-API-Key", w.pfOnly.secret()), 400, "invalid_request");
        }
        // Subject type (403) before field validation and referenced resources.
        assertProblem(http().post(RUNS, badDoc, "X-API-Key", w.pfOnly.secret()), 403, "subject_type_not_allowed");
        // Field validation (422) before referenced resources (404).
        assertProblem(http().post(RUNS, badDoc, "X-API-Key", w.full.secret()), 422, "invalid_document");
    }

    // ---------------------------------------------------------------- 404

    @ParameterizedTest
    @EnumSource(
            value = Op.class,
            names = {"GET_RUN", "GET_RUN_ANALYSIS", "GET_RUN_DETAIL"})
    void unknownRunIs404RunNotFound(Op op) {
        World.Key key = op == Op.GET_RUN_DETAIL ? world().detail : world().full;
        assertProblem(op.send(UUID.randomUUID(), "X-API-Key", key.secret()), 404, "run_not_found");
    }

    @Test
    void otherTenantsAndOtherEnvironmentsRunsAre404LikeMissingOnes() {
        World w = world();
        UUID liveRun = createRun(w.live, w.alfa.pfTemplate(), "pf", CPF_CLEAR, "cust_live");
        JsonNode missing =
                assertProblem(Op.GET_RUN.send(UUID.randomUUID(), "X-API-Key", w.full.secret()), 404, "run_not_found");
        JsonNode otherEnvironment =
                assertProblem(Op.GET_RUN.send(liveRun, "X-API-Key", w.full.secret()), 404, "run_not_found");
        JsonNode otherTenant =
                assertProblem(Op.GET_RUN.send(betaPj, "X-API-Key", w.full.secret()), 404, "run_not_found");
        assertProblem(Op.GET_RUN_ANALYSIS.send(alfaPf, "X-API-Key", w.live.secret()), 404, "run_not_found");
        for (JsonNode other : List.of(otherEnvironment, otherTenant)) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) other).remove("request_id");
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) missing).remove("request_id");
        assertThat(otherEnvironment).isEqualTo(missing);
        assertThat(otherTenant).isEqualTo(missing);
    }

    @Test
    void unknownOrOtherTenantsTemplateIs404TemplateNotFound() {
        World w = world();
        assertProblem(
                http().post(RUNS, createBody(UUID.randomUUID(), "pf", CPF_CLEAR, null), "X-API-Key", w.full.secret()),
                404,
                "template_not_found");
        assertProblem(
                http().post(RUNS, createBody(w.beta.pfTemplate(), "pf", CPF_CLEAR, null), "X-API-Key", w.full.secret()),
                404,
                "template_not_found");
    }

    // ---------------------------------------------------------------- 402

    @Test
    void liveRunOfATenantWithoutCreditsIs402InsufficientCreditsAfterEveryOtherCheck() {
        World w = world();
        JsonNode problem = assertProblem(
                http().post(
                                RUNS,
                                createBody(w.beta.pfTemplate(), "pf", CPF_CLEAR, "cust_broke"),
                                "X-API-Key",
                                w.betaLive.secret()),
                402,
                "insufficient_credits");
        assertThat(problem.path("required").asLong()).isPositive();
        assertThat(problem.path("remaining").asLong()).isZero();
        // Credits are the last check: a missing template is still 404, an invalid document still 422.
        assertProblem(
                http().post(
                                RUNS,
                                createBody(UUID.randomUUID(), "pf", CPF_CLEAR, null),
                                "X-API-Key",
                                w.betaLive.secret()),
                404,
                "template_not_found");
        assertProblem(
                http().post(
                                RUNS,
                                createBody(w.beta.pfTemplate(), "pf", CPF_BAD_CHECK_DIGITS, null),
                                "X-API-Key",
                                w.betaLive.secret()),
                422,
                "invalid_document");
        // Sandbox runs never need credits.
        assertThat(http().post(
                                RUNS,
                                createBody(w.beta.pfTemplate(), "pf", CPF_CLEAR, null),
                                "X-API-Key",
                                w.detail.secret())
                        .status())
                .isEqualTo(201);
    }

    // ---------------------------------------------------------------- 409

    @Test
    void sameIdempotencyKeyWithAnotherBodyIs409IdempotencyKeyReused() {
        World w = world();
        String key = "contract-" + UUID.randomUUID();
        var first = http().post(
                        RUNS,
                        createBody(w.alfa.pfTemplate(), "pf", CPF_CLEAR, "a"),
                        "X-API-Key",
                        w.full.secret(),
                        "Idempotency-Key",
                        key);
        assertThat(first.status()).isEqualTo(201);
        assertProblem(
                http().post(
                                RUNS,
                                createBody(w.alfa.pfTemplate(), "pf", CPF_CLEAR, "b"),
                                "X-API-Key",
                                w.full.secret(),
                                "Idempotency-Key",
                                key),
                409,
                "idempotency_key_reused");
    }

    @Test
    void analysisOfAQueuedRunIs409RunNotCompleted() {
        World w = world();
        UUID queued = createRun(w.full, w.alfa.pfTemplate(), "pf", CPF_CLEAR, "cust_queued");
        assertProblem(Op.GET_RUN_ANALYSIS.send(queued, "X-API-Key", w.full.secret()), 409, "run_not_completed");
    }

    // ---------------------------------------------------------------- 413, 415

    @Test
    void oversizedBodyIs413RequestTooLarge() {
        String huge = createBody(world().alfa.pfTemplate(), "pf", CPF_CLEAR, "x".repeat(70_000));
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            assertProblem(http().post(RUNS, huge, "X-API-Key", world().full.secret()), 413, "request_too_large");
        }
    }

    @Test
    void nonJsonBodyIs415UnsupportedMediaType() {
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            assertProblem(
                    http().post(
                                    RUNS,
                                    "template_id=x",
                                    "X-API-Key",
                                    world().full.secret(),
                                    "Content-Type",
                                    "application/x-www-form-urlencoded"),
                    415,
                    "unsupported_media_type");
        }
    }

    // ---------------------------------------------------------------- 422

    @Test
    void invalidDocumentsAre422InvalidDocumentNamingTheFieldWithoutEchoingIt() {
        World w = world();
        List<String[]> cases = List.of(
                new String[] {"pf", CPF_BAD_CHECK_DIGITS, w.alfa.pfTemplate().toString()},
                new String[] {"pf", "111.111.111-11", w.alfa.pfTemplate().toString()},
                new String[] {"pj", "12.ABC.345/01DE-36", w.alfa.pjTemplate().toString()},
                new String[] {"pj", CPF_CLEAR, w.alfa.pjTemplate().toString()});
        for (String[] c : cases) {
            var r = http().post(
                            RUNS, createBody(UUID.fromString(c[2]), c[0], c[1], null), "X-API-Key", w.full.secret());
            JsonNode problem = assertProblem(r, 422, "invalid_document");
            assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("subject.doc");
            assertThat(r.body()).doesNotContain(c[1], c[1].replaceAll("[./-]", ""));
        }
    }

    @Test
    void templateSubjectMismatchIs422ValidationFailed() {
        World w = world();
        var r = http().post(RUNS, createBody(w.alfa.pjTemplate(), "pf", CPF_CLEAR, null), "X-API-Key", w.full.secret());
        assertThat(assertProblem(r, 422, "validation_failed")
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("subject.type");
    }

    @Test
    void outOfRangeFieldsAre422ValidationFailed() {
        World w = world();
        String blankName = "{\"template_id\":\"" + w.alfa.pfTemplate() + "\",\"subject\":{\"type\":\"pf\",\"doc\":\""
                + CPF_CLEAR + "\",\"name\":\"   \"}}";
        assertThat(assertProblem(http().post(RUNS, blankName, "X-API-Key", w.full.secret()), 422, "validation_failed")
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("subject.name");
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            var longId = http().post(
                            RUNS,
                            createBody(w.alfa.pfTemplate(), "pf", CPF_CLEAR, "x".repeat(129)),
                            "X-API-Key",
                            w.full.secret());
            assertThat(assertProblem(longId, 422, "validation_failed")
                            .path("errors")
                            .get(0)
                            .path("field")
                            .asText())
                    .isEqualTo("external_id");
        }
    }
}

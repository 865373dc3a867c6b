package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.contract.support.ContractRecorder;
import br.com.kycert.contract.support.Exchange;
import br.com.kycert.contract.support.Spec;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the harness is not vacuous: synthetic responses that break the contract in each way the suite promises
 * to catch are flagged, and a conformant one is not. No server needed.
 */
class HarnessSelfCheckTest {

    static ContractRecorder recorder;

    static final String RUN_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    static final String QUEUED_RUN = """
            {"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","object":"bureau_run","environment":"sandbox",
             "template":{"id":"550e8400-e29b-41d4-a716-446655440000","version":1},
             "subject":{"type":"pf","doc":"***.000.001-**","name":"João Silva"},
             "external_id":"cust_abc123","status":"queued","decision":null,"completeness":null,
             "compliance_alert":false,"reasons":[],"credits":{"charged":0,"would_charge":7},
             "created_at":"2026-06-03T12:00:00Z","updated_at":"2026-06-03T12:00:00Z","completed_at":null}""";
    static final String CREATE_BODY = """
            {"template_id":"550e8400-e29b-41d4-a716-446655440000","subject":{"type":"pf","doc":"900.000.001-75","name":"Ana"}}""";

    @BeforeAll
    static void load() {
        recorder = new ContractRecorder(Spec.load(Spec.location()));
    }

    private static Map<String, List<String>> headers(String... pairs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], List.of(pairs[i + 1]));
        }
        return out;
    }

    static final String RATE_LIMIT_POLICY = "\"key\";q=25;w=1, \"tenant\";q=50;w=1";
    static final String RATE_LIMIT_LEFT = "\"key\";r=24;t=1, \"tenant\";r=49;t=1";
    /** What every response to a valid key carries (RateLimit headers, draft-ietf-httpapi-ratelimit-headers-11). */
    private static final Map<String, List<String>> RATE_LIMIT =
            headers("RateLimit-Policy", RATE_LIMIT_POLICY, "RateLimit", RATE_LIMIT_LEFT);

    private static Map<String, List<String>> standard(String contentType, String... more) {
        Map<String, List<String>> out =
                headers("Content-Type", contentType, "X-Request-Id", "req_1", "x-kycert-api-version", "2026-12-01");
        out.putAll(RATE_LIMIT);
        out.putAll(headers(more));
        return out;
    }

    private static Exchange getRun(int status, Map<String, List<String>> responseHeaders, String body) {
        return recorder.record(
                "self-check",
                "GET",
                URI.create("http://127.0.0.1/api/v1/bureau/runs/" + RUN_ID),
                headers("X-API-Key", "sk_test_x"),
                null,
                status,
                responseHeaders,
                body);
    }

    private static String problem(String code, int status) {
        return "{\"type\":\"/problems/" + code + "\",\"title\":\"t\",\"status\":" + status + ",\"code\":\"" + code
                + "\",\"request_id\":\"req_1\"}";
    }

    @Test
    void aConformantResponseHasNoViolations() {
        Exchange e = getRun(200, standard("application/json"), QUEUED_RUN);
        assertThat(e.violations()).isEmpty();
        assertThat(e.operationId()).isEqualTo("getRun");
    }

    @Test
    void missingStandardHeadersAreViolations() {
        Map<String, List<String>> noRequestId =
                headers("Content-Type", "application/json", "x-kycert-api-version", "2026-12-01");
        assertThat(getRun(200, noRequestId, QUEUED_RUN).violations())
                .anyMatch(v -> v.startsWith("validation.response.header.missing") && v.contains("X-Request-Id"));
        Map<String, List<String>> noVersion = headers("Content-Type", "application/json", "X-Request-Id", "req_1");
        assertThat(getRun(200, noVersion, QUEUED_RUN).violations())
                .anyMatch(
                        v -> v.startsWith("validation.response.header.missing") && v.contains("x-kycert-api-version"));
    }

    @Test
    void missingWwwAuthenticateOn401IsAViolation() {
        assertThat(getRun(401, standard("application/problem+json"), problem("missing_api_key", 401))
                        .violations())
                .anyMatch(v -> v.startsWith("validation.response.header.missing") && v.contains("WWW-Authenticate"));
        assertThat(getRun(
                                401,
                                standard("application/problem+json", "WWW-Authenticate", "Bearer realm=\"kycert\""),
                                problem("missing_api_key", 401))
                        .violations())
                .isEmpty();
    }

    @Test
    void missingLocationOn201IsAViolation() {
        Exchange e = recorder.record(
                "self-check",
                "POST",
                URI.create("http://127.0.0.1/api/v1/bureau/runs"),
                headers("X-API-Key", "sk_test_x", "Content-Type", "application/json"),
                CREATE_BODY,
                201,
                standard("application/json"),
                QUEUED_RUN);
        assertThat(e.violations())
                .anyMatch(v -> v.startsWith("validation.response.header.missing") && v.contains("Location"));
    }

    @Test
    void undocumentedStatusIsAViolation() {
        assertThat(getRun(409, standard("application/problem+json"), problem("run_not_completed", 409))
                        .violations())
                .anyMatch(v -> v.startsWith("validation.response.status.unknown"));
    }

    @Test
    void undocumentedContentTypeIsAViolation() {
        assertThat(getRun(404, standard("text/html"), "<html>not found</html>").violations())
                .anyMatch(v -> v.startsWith("validation.response.contentType.notAllowed"));
        assertThat(getRun(404, standard("application/json"), problem("run_not_found", 404))
                        .violations())
                .anyMatch(v -> v.startsWith("validation.response.contentType.notAllowed"));
    }

    @Test
    void bodySchemaMismatchesAreViolations() {
        assertThat(getRun(
                                200,
                                standard("application/json"),
                                QUEUED_RUN.replace("\"decision\":null", "\"decision\":\"maybe\""))
                        .violations())
                .anyMatch(v -> v.startsWith("validation.response.body.schema.enum"));
        assertThat(getRun(200, standard("application/json"), QUEUED_RUN.replace("\"status\":\"queued\",", ""))
                        .violations())
                .anyMatch(v -> v.startsWith("validation.response.body.schema.required"));
        assertThat(getRun(200, standard("application/json"), QUEUED_RUN.replace("\"charged\":0", "\"charged\":\"0\""))
                        .violations())
                .anyMatch(v -> v.startsWith("validation.response.body.schema.type"));
        assertThat(getRun(404, standard("application/problem+json"), "{\"title\":\"Not found\"}")
                        .violations())
                .anyMatch(v -> v.startsWith("validation.response.body.schema.required"));
    }

    @Test
    void problemsMustAgreeWithTheirStatusTypeAndRequestId() {
        String wrong =
                "{\"type\":\"/problems/other\",\"title\":\"t\",\"status\":400,\"code\":\"run_not_found\",\"request_id\":\"req_2\"}";
        assertThat(getRun(404, standard("application/problem+json"), wrong).violations())
                .anyMatch(v -> v.contains("problem type"))
                .anyMatch(v -> v.contains("problem status"))
                .anyMatch(v -> v.contains("problem request_id"));
    }

    @Test
    void lowerCaseHeaderNamesAsJavaNetHttpDeliversThemAreUnderstood() {
        Map<String, List<String>> lower = headers(
                "content-type", "application/json", "x-request-id", "req_1", "x-kycert-api-version", "2026-12-01");
        lower.putAll(headers("ratelimit-policy", RATE_LIMIT_POLICY, "ratelimit", RATE_LIMIT_LEFT));
        assertThat(getRun(200, lower, QUEUED_RUN).violations()).isEmpty();
        assertThat(getRun(200, lower, QUEUED_RUN.replace("\"decision\":null", "\"decision\":\"maybe\""))
                        .violations())
                .anyMatch(v -> v.startsWith("validation.response.body.schema.enum"));
        assertThat(getRun(
                                404,
                                headers(
                                        "content-type",
                                        "text/html",
                                        "x-request-id",
                                        "req_1",
                                        "x-kycert-api-version",
                                        "2026-12-01"),
                                "<html/>")
                        .violations())
                .anyMatch(v -> v.startsWith("validation.response.contentType.notAllowed"));
        assertThat(getRun(
                                200,
                                headers("content-type", "application/json", "x-kycert-api-version", "2026-12-01"),
                                QUEUED_RUN)
                        .violations())
                .anyMatch(v -> v.startsWith("validation.response.header.missing") && v.contains("X-Request-Id"));
    }

    @Test
    void nonConformantRequestsAreViolationsUnlessDeclaredDeliberate() {
        URI bad = URI.create("http://127.0.0.1/api/v1/bureau/runs?limit=0");
        Map<String, List<String>> list = standard("application/json");
        String page = "{\"object\":\"list\",\"data\":[],\"has_more\":false,\"next_cursor\":null}";
        assertThat(recorder.record("self-check", "GET", bad, headers("X-API-Key", "sk_test_x"), null, 200, list, page)
                        .violations())
                .anyMatch(v -> v.startsWith("validation.request.parameter"));
        try (var ignored = recorder.deliberatelyInvalidRequests()) {
            assertThat(recorder.record(
                                    "self-check", "GET", bad, headers("X-API-Key", "sk_test_x"), null, 200, list, page)
                            .violations())
                    .isEmpty();
        }
    }
}

package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import br.com.kycert.client.KycertClient;
import br.com.kycert.contract.support.ContractGate;
import br.com.kycert.contract.support.ContractRecorder;
import br.com.kycert.contract.support.Exchange;
import br.com.kycert.contract.support.RawHttp;
import br.com.kycert.contract.support.RecordingProxy;
import br.com.kycert.contract.support.Spec;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's "Done when": the gate turns red when a server breaks the contract with an undocumented status, a missing
 * required field, a wrong type or an undocumented problem code. A fake kycert on 127.0.0.1 answers {@code getRun}
 * with each breakage; the suite's own clients (the raw client, and the SDK through the recording proxy) call it; the
 * exchanges go through the same recorder and the same {@link ContractGate} verdicts that {@code CoverageGateIT} and
 * the per-test check of {@code ContractExtension} assert empty. Each test passes when the gate reports the breakage
 * (and the conformant control answer passes it). No database, no real server.
 */
class GateSelfTest {

    static final String RUN_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    static final String RUN = """
            {"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","object":"bureau_run","environment":"sandbox",
             "template":{"id":"550e8400-e29b-41d4-a716-446655440000","version":1},
             "subject":{"type":"pf","doc":"***.000.002-**","name":"Maria Souza"},
             "external_id":"cust_abc124","status":"completed","decision":"review","completeness":"full",
             "compliance_alert":false,
             "reasons":[{"code":"pep_match","severity":"review","source":"pep","message":"The subject is a PEP."}],
             "credits":{"charged":0,"would_charge":7},
             "created_at":"2026-06-03T12:00:00Z","updated_at":"2026-06-03T12:00:02Z","completed_at":"2026-06-03T12:00:02Z"}""";

    static Spec spec;
    static HttpServer fake;
    static volatile Answer answer;
    /** The version the fake says served each answer. */
    static volatile String served = "2026-12-01";

    static RecordingProxy proxy;
    static ContractRecorder recorder;

    /** What the fake server answers to every request. */
    record Answer(int status, String contentType, String body) {}

    @BeforeAll
    static void start() throws IOException {
        spec = Spec.load(Spec.location());
        recorder = new ContractRecorder(spec);
        fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fake-kycert");
            t.setDaemon(true);
            return t;
        }));
        fake.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            Answer a = answer;
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", a.contentType());
            exchange.getResponseHeaders().add("X-Request-Id", "req_fake");
            exchange.getResponseHeaders().add("x-kycert-api-version", served);
            exchange.getResponseHeaders().add("RateLimit-Policy", HarnessSelfCheckTest.RATE_LIMIT_POLICY);
            exchange.getResponseHeaders().add("RateLimit", HarnessSelfCheckTest.RATE_LIMIT_LEFT);
            exchange.sendResponseHeaders(a.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        fake.start();
        proxy = RecordingProxy.start(fakeUrl(), "fake", recorder);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        fake.stop(0);
    }

    static String fakeUrl() {
        return "http://127.0.0.1:" + fake.getAddress().getPort();
    }

    static String problem(int status, String code) {
        return "{\"type\":\"/problems/" + code + "\",\"title\":\"t\",\"status\":" + status + ",\"code\":\"" + code
                + "\",\"request_id\":\"req_fake\"}";
    }

    /** The gate over the exchanges of one getRun made by the raw client and one made by the SDK. */
    static ContractGate gateAfterGetRun(int status, String contentType, String body) {
        answer = new Answer(status, contentType, body);
        int mark = recorder.mark();
        recorder.currentTest("GateSelfTest");
        RawHttp http = new RawHttp(fakeUrl(), "fake", recorder);
        http.get("/api/v1/bureau/runs/" + RUN_ID, "X-API-Key", "sk_test_fake");
        KycertClient sdk = KycertClient.builder()
                .apiKey("sk_test_fake")
                .baseUrl(proxy.baseUrl())
                .maxNetworkRetries(0)
                .build();
        catchThrowable(() -> sdk.runs().get(UUID.fromString(RUN_ID)));
        List<Exchange> exchanges = recorder.since(mark);
        assertThat(exchanges).extracting(Exchange::origin).containsExactly("http", "sdk");
        return new ContractGate(spec, exchanges, Map.of(500, Set.of("internal_error")));
    }

    @Test
    void aConformantServerPassesTheGate() {
        ContractGate gate = gateAfterGetRun(200, "application/json", RUN);
        assertThat(gate.nonConformantExchanges()).isEmpty();
        assertThat(gate.undocumentedResponses()).isEmpty();
        assertThat(gate.operationsNeverSucceeding("sdk", "fake")).doesNotContain("sdk on fake: getRun 200");
    }

    @Test
    void aVersionThatServedNoOperationTurnsTheVersionGateRed() {
        ContractGate gate = gateAfterGetRun(200, "application/json", RUN);
        assertThat(gate.operationsNeverSucceedingIn("2026-12-01")).doesNotContain("2026-12-01: getRun 200");
        assertThat(gate.operationsNeverSucceedingIn("2026-06-03")).contains("2026-06-03: getRun 200");
    }

    @Test
    void aResponseInTheLatestShapeServedAsAnOlderVersionTurnsTheGateRed() {
        // 2026-06-03's Subject has doc_masked, not doc: the latest shape answered as 2026-06-03 breaks its contract.
        served = "2026-06-03";
        try {
            ContractGate gate = gateAfterGetRun(200, "application/json", RUN);
            assertThat(gate.nonConformantExchanges())
                    .isNotEmpty()
                    .allSatisfy(v -> assertThat(v).contains("doc_masked"));
            ContractGate old = gateAfterGetRun(200, "application/json", RUN.replace("\"doc\":", "\"doc_masked\":"));
            assertThat(old.nonConformantExchanges()).isEmpty();
            assertThat(old.operationsNeverSucceedingIn("2026-06-03")).doesNotContain("2026-06-03: getRun 200");
        } finally {
            served = "2026-12-01";
        }
    }

    @Test
    void anUndocumentedStatusTurnsTheGateRed() {
        // getRun documents 200, 400, 401, 403, 404 and 500: a 409 (documented elsewhere) is not among them.
        ContractGate gate = gateAfterGetRun(409, "application/problem+json", problem(409, "run_not_completed"));
        assertThat(gate.nonConformantExchanges())
                .hasSize(2)
                .allSatisfy(v -> assertThat(v).contains("validation.response.status.unknown"));
        assertThat(gate.undocumentedResponses())
                .hasSize(2)
                .allSatisfy(v -> assertThat(v).startsWith("undocumented status"));
    }

    @Test
    void aMissingRequiredFieldTurnsTheGateRed() {
        ContractGate gate = gateAfterGetRun(200, "application/json", RUN.replace("\"status\":\"completed\",", ""));
        assertThat(gate.nonConformantExchanges())
                .hasSize(2)
                .allSatisfy(v -> assertThat(v)
                        .contains("validation.response.body.schema.required")
                        .contains("status"));
        // A problem without its required code is caught the same way.
        gate = gateAfterGetRun(
                404,
                "application/problem+json",
                problem(404, "run_not_found").replace(",\"code\":\"run_not_found\"", ""));
        assertThat(gate.nonConformantExchanges())
                .hasSize(2)
                .allSatisfy(v -> assertThat(v)
                        .contains("validation.response.body.schema.required")
                        .contains("code"));
    }

    @Test
    void aWrongTypeTurnsTheGateRed() {
        ContractGate gate =
                gateAfterGetRun(200, "application/json", RUN.replace("\"would_charge\":7", "\"would_charge\":\"7\""));
        assertThat(gate.nonConformantExchanges())
                .hasSize(2)
                .allSatisfy(v -> assertThat(v)
                        .contains("validation.response.body.schema.type")
                        .contains("would_charge"));
        gate = gateAfterGetRun(
                200, "application/json", RUN.replace("\"compliance_alert\":false", "\"compliance_alert\":\"no\""));
        assertThat(gate.nonConformantExchanges())
                .hasSize(2)
                .allSatisfy(v -> assertThat(v)
                        .contains("validation.response.body.schema.type")
                        .contains("compliance_alert"));
    }

    @Test
    void anUndocumentedProblemCodeTurnsTheGateRed() {
        // A code of the ProblemCode enum, but not among getRun's 404 x-problem-codes [run_not_found]: only the gate
        // sees it.
        ContractGate gate = gateAfterGetRun(404, "application/problem+json", problem(404, "template_not_found"));
        assertThat(gate.nonConformantExchanges()).isEmpty();
        assertThat(gate.undocumentedResponses())
                .hasSize(2)
                .allSatisfy(v -> assertThat(v).startsWith("code not in x-problem-codes [run_not_found]"));
        // A code outside the ProblemCode enum: the validator and the gate both see it.
        gate = gateAfterGetRun(404, "application/problem+json", problem(404, "teapot"));
        assertThat(gate.nonConformantExchanges())
                .hasSize(2)
                .allSatisfy(v -> assertThat(v).contains("validation.response.body.schema.enum"));
        assertThat(gate.undocumentedResponses()).hasSize(2);
    }
}

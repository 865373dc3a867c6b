package br.com.kycert.client;

import static br.com.kycert.client.Fixtures.RUN_ID;
import static br.com.kycert.client.Fixtures.TEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.client.FakeKycertServer.Received;
import br.com.kycert.client.FakeKycertServer.Reply;
import br.com.kycert.client.exception.ApiConnectionException;
import br.com.kycert.client.model.Decision;
import br.com.kycert.client.model.Run;
import br.com.kycert.client.model.RunStatus;
import br.com.kycert.client.model.SubjectType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What goes over the wire, checked on a real HTTP server. */
class RequestHeadersTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}";

    private FakeKycertServer server;
    private KycertClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeKycertServer();
        client = Fixtures.clientFor(server, new Fixtures.RecordingSleeper()).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyRequestCarriesTheKeyTheVersionPinAndTheUserAgent() {
        server.enqueue(Reply.json(200, Fixtures.queuedRun()));

        client.runs().get(RUN_ID);

        Received request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/api/v1/bureau/runs/" + RUN_ID);
        assertThat(request.headerValues("X-API-Key")).containsExactly(TEST_KEY);
        assertThat(request.headerValues("x-kycert-api-version")).containsExactly(KycertClient.API_VERSION);
        assertThat(request.header("User-Agent")).isEqualTo("kycert-java/" + KycertClient.VERSION);
        assertThat(request.header("Accept")).contains("application/json");
        assertThat(request.header("Idempotency-Key")).isNull();
        assertThat(request.header("Authorization")).isNull();
    }

    @Test
    void createRunSendsTheBodyInSnakeCaseWithARandomIdempotencyKey() throws Exception {
        server.enqueue(Reply.json(201, Fixtures.queuedRun()), Reply.json(201, Fixtures.queuedRun()));

        Run run = client.runs().create(Fixtures.createRunRequest());
        client.runs().create(Fixtures.createRunRequest());

        assertThat(run.getId()).isEqualTo(RUN_ID);
        assertThat(run.getStatus()).isEqualTo(RunStatus.QUEUED);
        List<Received> requests = server.requests();
        Received first = requests.get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/api/v1/bureau/runs");
        assertThat(first.header("Content-Type")).startsWith("application/json");
        assertThat(first.headerValues("X-API-Key")).containsExactly(TEST_KEY);
        assertThat(first.headerValues("x-kycert-api-version")).containsExactly(KycertClient.API_VERSION);
        assertThat(first.headerValues("Idempotency-Key"))
                .singleElement()
                .asString()
                .matches(UUID_PATTERN);
        assertThat(requests.get(1).header("Idempotency-Key")).isNotEqualTo(first.header("Idempotency-Key"));

        JsonNode body = new ObjectMapper().readTree(first.body());
        assertThat(body.get("template_id").asText()).isEqualTo(Fixtures.TEMPLATE_ID.toString());
        assertThat(body.at("/subject/type").asText()).isEqualTo("pf");
        assertThat(body.at("/subject/doc").asText()).isEqualTo("900.000.001-75");
        assertThat(body.at("/subject/name").asText()).isEqualTo("João Silva");
        assertThat(body.get("external_id").asText()).isEqualTo("cust_abc123");
    }

    @Test
    void perRequestOptionsOverrideKeyVersionAndIdempotencyKeyForThatRequestOnly() {
        server.enqueue(Reply.json(201, Fixtures.queuedRun()), Reply.json(200, Fixtures.queuedRun()));
        RequestOptions options = RequestOptions.builder()
                .apiKey("sk_live_otherAccount")
                .apiVersion("2027-01-01")
                .idempotencyKey("order-4711")
                .build();

        client.runs().create(Fixtures.createRunRequest(), options);
        client.runs().get(RUN_ID);

        Received overridden = server.requests().get(0);
        assertThat(overridden.headerValues("X-API-Key")).containsExactly("sk_live_otherAccount");
        assertThat(overridden.headerValues("x-kycert-api-version")).containsExactly("2027-01-01");
        assertThat(overridden.headerValues("Idempotency-Key")).containsExactly("order-4711");
        Received next = server.requests().get(1);
        assertThat(next.headerValues("X-API-Key")).containsExactly(TEST_KEY);
        assertThat(next.headerValues("x-kycert-api-version")).containsExactly(KycertClient.API_VERSION);
    }

    @Test
    void clientLevelVersionPinIsSent() throws Exception {
        server.enqueue(Reply.json(200, Fixtures.queuedRun()));
        KycertClient pinned = Fixtures.clientFor(server, new Fixtures.RecordingSleeper())
                .apiVersion("2026-12-01")
                .build();

        pinned.runs().get(RUN_ID);

        assertThat(server.onlyRequest().headerValues("x-kycert-api-version")).containsExactly("2026-12-01");
    }

    @Test
    void perRequestTimeoutOverridesTheClientReadTimeout() {
        server.enqueue(Reply.json(200, Fixtures.queuedRun()).after(Duration.ofSeconds(2)));
        KycertClient noRetries = Fixtures.clientFor(server, new Fixtures.RecordingSleeper())
                .maxNetworkRetries(0)
                .build();
        RequestOptions options =
                RequestOptions.builder().timeout(Duration.ofMillis(200)).build();

        long start = System.nanoTime();
        assertThatThrownBy(() -> noRetries.runs().get(RUN_ID, options))
                .isInstanceOf(ApiConnectionException.class)
                .hasMessageContaining("timed out")
                .hasCauseInstanceOf(HttpTimeoutException.class)
                .satisfies(e ->
                        assertThat(((ApiConnectionException) e).getStatus()).isZero());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1800));
    }

    @Test
    void listRunsSendsEveryFilterAsASnakeCaseQueryParameter() {
        server.enqueue(Reply.json(200, "{\"object\":\"list\",\"data\":[],\"has_more\":false,\"next_cursor\":null}"));
        UUID template = Fixtures.TEMPLATE_ID;

        client.runs()
                .list(ListRunsParams.builder()
                        .limit(50)
                        .cursor("eyJjIjoxfQ")
                        .status(RunStatus.COMPLETED)
                        .decision(Decision.REVIEW)
                        .externalId("cust abc/123")
                        .templateId(template)
                        .subjectType(SubjectType.PF)
                        .createdAfter(OffsetDateTime.of(2026, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC))
                        .createdBefore(OffsetDateTime.of(2026, 7, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-3)))
                        .build());

        Received request = server.onlyRequest();
        assertThat(request.path()).isEqualTo("/api/v1/bureau/runs");
        assertThat(request.query())
                .containsEntry("limit", "50")
                .containsEntry("cursor", "eyJjIjoxfQ")
                .containsEntry("status", "completed")
                .containsEntry("decision", "review")
                .containsEntry("external_id", "cust abc/123")
                .containsEntry("template_id", template.toString())
                .containsEntry("subject_type", "pf")
                .containsEntry("created_after", "2026-06-01T00:00:00Z")
                .containsEntry("created_before", "2026-07-01T00:00:00-03:00")
                .hasSize(9);
    }

    @Test
    void listRunsWithoutParamsSendsNoQuery() {
        server.enqueue(Reply.json(200, "{\"object\":\"list\",\"data\":[],\"has_more\":false,\"next_cursor\":null}"));

        client.runs().list(null);

        assertThat(server.onlyRequest().query()).isEmpty();
    }

    @Test
    void unknownFieldsAndEnumValuesInResponsesDoNotBreakDeserialisation() {
        String fromTheFuture = Fixtures.runJson(RUN_ID, "paused")
                .replace("\"compliance_alert\"", "\"new_field\":{\"x\":1},\"compliance_alert\"");
        server.enqueue(Reply.json(200, fromTheFuture));

        Run run = client.runs().get(RUN_ID);

        assertThat(run.getStatus()).isEqualTo(RunStatus.UNKNOWN_DEFAULT_OPEN_API);
        assertThat(run.getSubject().getName()).isEqualTo("João Silva");
        assertThat(run.getDecision()).isNull();
    }
}

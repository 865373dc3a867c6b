package br.com.kycert.client;

import static br.com.kycert.client.Fixtures.REQUEST_ID;
import static br.com.kycert.client.Fixtures.RUN_ID;
import static br.com.kycert.client.Fixtures.TEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import br.com.kycert.client.FakeKycertServer.Reply;
import br.com.kycert.client.exception.ApiConnectionException;
import br.com.kycert.client.exception.ApiServerException;
import br.com.kycert.client.exception.AuthenticationException;
import br.com.kycert.client.exception.ConflictException;
import br.com.kycert.client.exception.FieldError;
import br.com.kycert.client.exception.IdempotencyException;
import br.com.kycert.client.exception.InsufficientCreditsException;
import br.com.kycert.client.exception.InvalidRequestException;
import br.com.kycert.client.exception.KycertException;
import br.com.kycert.client.exception.NotFoundException;
import br.com.kycert.client.exception.PermissionException;
import br.com.kycert.client.exception.RateLimitException;
import br.com.kycert.client.exception.RunFailedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every problem the spec lists, and some it does not, becomes the right exception with its fields. */
class ErrorMappingTest {

    private FakeKycertServer server;
    private KycertClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeKycertServer();
        client = Fixtures.clientFor(server, new Fixtures.RecordingSleeper())
                .maxNetworkRetries(0)
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of(400, "invalid_request", InvalidRequestException.class),
                Arguments.of(400, "invalid_api_version", InvalidRequestException.class),
                Arguments.of(401, "missing_api_key", AuthenticationException.class),
                Arguments.of(401, "invalid_api_key", AuthenticationException.class),
                Arguments.of(402, "insufficient_credits", InsufficientCreditsException.class),
                Arguments.of(403, "insufficient_scope", PermissionException.class),
                Arguments.of(403, "subject_type_not_allowed", PermissionException.class),
                Arguments.of(404, "run_not_found", NotFoundException.class),
                Arguments.of(404, "template_not_found", NotFoundException.class),
                Arguments.of(404, "route_not_found", NotFoundException.class),
                Arguments.of(405, "method_not_allowed", InvalidRequestException.class),
                Arguments.of(406, "not_acceptable", InvalidRequestException.class),
                Arguments.of(409, "idempotency_key_reused", IdempotencyException.class),
                Arguments.of(409, "run_not_completed", ConflictException.class),
                Arguments.of(409, "run_failed", RunFailedException.class),
                Arguments.of(409, "some_future_conflict", ConflictException.class),
                Arguments.of(413, "request_too_large", InvalidRequestException.class),
                Arguments.of(415, "unsupported_media_type", InvalidRequestException.class),
                Arguments.of(418, "a_code_from_the_future", InvalidRequestException.class),
                Arguments.of(422, "invalid_document", InvalidRequestException.class),
                Arguments.of(422, "validation_failed", InvalidRequestException.class),
                Arguments.of(429, "rate_limited", RateLimitException.class),
                Arguments.of(500, "internal_error", ApiServerException.class),
                Arguments.of(503, "service_unavailable", ApiServerException.class));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("problems")
    void eachProblemMapsToItsExceptionWithCodeAndRequestId(
            int status, String code, Class<? extends KycertException> expected) {
        server.enqueue(Reply.problem(status, Fixtures.problem(status, code)));

        KycertException e =
                catchThrowableOfType(KycertException.class, () -> client.runs().get(RUN_ID));

        assertThat(e).isExactlyInstanceOf(expected);
        assertThat(e.getStatus()).isEqualTo(status);
        assertThat(e.getCode()).isEqualTo(code);
        assertThat(e.getRequestId()).isEqualTo(REQUEST_ID);
        assertThat(e.getType()).isEqualTo("/problems/" + code);
        assertThat(e.getTitle()).isEqualTo("Title of " + code);
        assertThat(e.getDetail()).isEqualTo("Detail of " + code);
        assertThat(e.getRawBody()).contains("\"code\":\"" + code + "\"");
        assertThat(e.getMessage())
                .contains(String.valueOf(status), code, "Detail of " + code, REQUEST_ID)
                .doesNotContain(TEST_KEY);
    }

    @Test
    void analysisOfAFailedRunSaysItIsFinal() {
        server.enqueue(Reply.problem(409, Fixtures.problem(409, "run_failed")));

        RunFailedException e = catchThrowableOfType(
                RunFailedException.class, () -> client.runs().getAnalysis(RUN_ID));

        assertThat(e).isInstanceOf(ConflictException.class);
        assertThat(e.isFinal()).isTrue();
        assertThat(e.getMessage()).contains("final").contains("do not retry");
    }

    @Test
    void insufficientCreditsCarriesRequiredAndRemaining() {
        server.enqueue(Reply.problem(402, """
                {"type":"/problems/insufficient_credits","title":"Insufficient credits","status":402,
                 "detail":"This run needs 9 credits; your tenant has 4.","code":"insufficient_credits",
                 "request_id":"req_2","required":9,"remaining":4}"""));

        InsufficientCreditsException e = catchThrowableOfType(
                InsufficientCreditsException.class, () -> client.runs().get(RUN_ID));

        assertThat(e.getRequired()).isEqualTo(9L);
        assertThat(e.getRemaining()).isEqualTo(4L);
        assertThat(e.getCode()).isEqualTo("insufficient_credits");
    }

    @Test
    void insufficientScopeCarriesTheRequiredScopes() {
        server.enqueue(Reply.problem(403, """
                {"type":"/problems/insufficient_scope","title":"Insufficient scope","status":403,
                 "detail":"This operation requires the scope detail:read.","code":"insufficient_scope",
                 "request_id":"req_1","required_scopes":["detail:read"]}"""));

        PermissionException e = catchThrowableOfType(
                PermissionException.class, () -> client.runs().getDetail(RUN_ID));

        assertThat(e.getRequiredScopes()).containsExactly("detail:read");
        assertThat(e.getRequestId()).isEqualTo("req_1");
        assertThat(e.getMessage()).contains("detail:read");
    }

    @Test
    void validationErrorsCarryTheFieldErrors() {
        server.enqueue(Reply.problem(422, """
                {"type":"/problems/invalid_document","title":"Invalid document","status":422,
                 "detail":"subject.doc is not a valid CPF.","code":"invalid_document","request_id":"req_2",
                 "errors":[{"field":"subject.doc","code":"invalid_document","message":"CPF check digits do not match."},
                           {"field":"external_id","code":"too_long"},
                           "not an object", 42]}"""));

        InvalidRequestException e = catchThrowableOfType(
                InvalidRequestException.class, () -> client.runs().create(Fixtures.createRunRequest()));

        assertThat(e.getErrors())
                .containsExactly(
                        new FieldError("subject.doc", "invalid_document", "CPF check digits do not match."),
                        new FieldError("external_id", "too_long", null));
        assertThat(e.getMessage()).contains("subject.doc: invalid_document");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void requestIdFallsBackToTheResponseHeader() {
        server.enqueue(Reply.problem(404, "{\"status\":404,\"code\":\"run_not_found\",\"title\":\"Run not found\"}")
                .withHeader("X-Request-Id", "req_from_header"));

        NotFoundException e = catchThrowableOfType(
                NotFoundException.class, () -> client.runs().get(RUN_ID));

        assertThat(e.getRequestId()).isEqualTo("req_from_header");
        assertThat(e.getDetail()).isNull();
        assertThat(e.getMessage()).contains("Run not found");
    }

    @Test
    void bodyRequestIdWinsOverTheHeader() {
        server.enqueue(Reply.problem(404, Fixtures.problem(404, "run_not_found"))
                .withHeader("X-Request-Id", "req_from_header"));

        NotFoundException e = catchThrowableOfType(
                NotFoundException.class, () -> client.runs().get(RUN_ID));

        assertThat(e.getRequestId()).isEqualTo(REQUEST_ID);
    }

    @Test
    void nonJsonErrorBodyIsKeptRawAndMappedByStatus() {
        String html = "<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>";
        server.enqueue(Reply.raw(502, "text/html", html).withHeader("X-Request-Id", "req_gw"));

        ApiServerException e = catchThrowableOfType(
                ApiServerException.class, () -> client.runs().get(RUN_ID));

        assertThat(e.getStatus()).isEqualTo(502);
        assertThat(e.getCode()).isNull();
        assertThat(e.getRequestId()).isEqualTo("req_gw");
        assertThat(e.getRawBody()).isEqualTo(html);
        assertThat(e.getErrors()).isEmpty();
        assertThat(e.getRequiredScopes()).isEmpty();
        assertThat(e.getMessage()).contains("502", "Bad Gateway");
    }

    @Test
    void emptyErrorBodyIsMappedByStatus() {
        server.enqueue(Reply.raw(401, "application/problem+json", ""));

        AuthenticationException e = catchThrowableOfType(
                AuthenticationException.class, () -> client.runs().get(RUN_ID));

        assertThat(e.getStatus()).isEqualTo(401);
        assertThat(e.getCode()).isNull();
        assertThat(e.getMessage()).isEqualTo("HTTP 401");
    }

    @Test
    void jsonThatIsNotAProblemObjectIsMappedByStatus() {
        server.enqueue(Reply.problem(400, "[\"oops\"]"));

        InvalidRequestException e = catchThrowableOfType(
                InvalidRequestException.class, () -> client.runs().get(RUN_ID));

        assertThat(e.getCode()).isNull();
        assertThat(e.getRawBody()).isEqualTo("[\"oops\"]");
    }

    @Test
    void fieldsOfUnexpectedTypesAreSkipped() {
        server.enqueue(Reply.problem(403, """
                {"code":{"nested":true},"title":null,"required_scopes":"runs:read","errors":{"field":"x"},
                 "request_id":12345}"""));

        PermissionException e = catchThrowableOfType(
                PermissionException.class, () -> client.runs().get(RUN_ID));

        assertThat(e.getCode()).isNull();
        assertThat(e.getTitle()).isNull();
        assertThat(e.getRequiredScopes()).isEmpty();
        assertThat(e.getErrors()).isEmpty();
        assertThat(e.getRequestId()).isEqualTo("12345");
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        server.enqueue(Reply.problem(429, Fixtures.problem(429, "rate_limited"))
                .withHeader("Retry-After", "7")
                .withHeader("RateLimit-Policy", "\"key\";q=25;w=1, \"tenant\";q=100;w=1")
                .withHeader("RateLimit", "\"key\";r=0;t=7, \"tenant\";r=60;t=1"));

        RateLimitException e = catchThrowableOfType(
                RateLimitException.class, () -> client.runs().get(RUN_ID));

        assertThat(e.getRetryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.getRateLimit())
                .contains(new RateLimit("key", 25L, 0, Duration.ofSeconds(7), Duration.ofSeconds(1)));
    }

    @Test
    void rateLimitWithoutRetryAfterHasNone() {
        server.enqueue(Reply.problem(429, Fixtures.problem(429, "rate_limited")));

        RateLimitException e = catchThrowableOfType(
                RateLimitException.class, () -> client.runs().get(RUN_ID));

        assertThat(e.getRetryAfter()).isEmpty();
        assertThat(e.getRateLimit()).isEmpty();
    }

    @Test
    void unexpectedRedirectIsAPlainKycertException() {
        server.enqueue(Reply.raw(302, "text/plain", "moved").withHeader("Location", "https://elsewhere.example"));

        KycertException e =
                catchThrowableOfType(KycertException.class, () -> client.runs().get(RUN_ID));

        assertThat(e).isExactlyInstanceOf(KycertException.class);
        assertThat(e.getStatus()).isEqualTo(302);
    }

    @Test
    void successBodyThatCannotBeDecodedIsAKycertExceptionAndIsNotRetried() throws Exception {
        KycertClient retrying =
                Fixtures.clientFor(server, new Fixtures.RecordingSleeper()).build();
        server.enqueue(Reply.json(200, "{not json"), Reply.json(200, Fixtures.queuedRun()));

        KycertException e = catchThrowableOfType(
                KycertException.class, () -> retrying.runs().get(RUN_ID));

        assertThat(e).isExactlyInstanceOf(KycertException.class);
        assertThat(e.getMessage()).contains("could not decode");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void connectionRefusedIsAnApiConnectionExceptionWithStatusZero() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        KycertClient unreachable = KycertClient.builder()
                .apiKey(TEST_KEY)
                .baseUrl("http://127.0.0.1:" + closedPort)
                .maxNetworkRetries(0)
                .build();

        ApiConnectionException e = catchThrowableOfType(
                ApiConnectionException.class, () -> unreachable.runs().get(RUN_ID));

        assertThat(e.getStatus()).isZero();
        assertThat(e.getCode()).isNull();
        assertThat(e.getRequestId()).isNull();
        assertThat(e.getCause()).isInstanceOf(ConnectException.class);
        assertThat(e.getMessage()).contains("127.0.0.1:" + closedPort).doesNotContain(TEST_KEY);
    }
}

package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import br.com.kycert.client.KycertClient;
import br.com.kycert.client.KycertResponse;
import br.com.kycert.client.ListRunsParams;
import br.com.kycert.client.RequestOptions;
import br.com.kycert.client.exception.AuthenticationException;
import br.com.kycert.client.exception.ConflictException;
import br.com.kycert.client.exception.IdempotencyException;
import br.com.kycert.client.exception.InvalidRequestException;
import br.com.kycert.client.exception.KycertException;
import br.com.kycert.client.exception.NotFoundException;
import br.com.kycert.client.exception.PermissionException;
import br.com.kycert.client.model.ApiKeyInfo;
import br.com.kycert.client.model.CreateRunRequest;
import br.com.kycert.client.model.Decision;
import br.com.kycert.client.model.Environment;
import br.com.kycert.client.model.Run;
import br.com.kycert.client.model.RunAnalysis;
import br.com.kycert.client.model.RunDetail;
import br.com.kycert.client.model.RunList;
import br.com.kycert.client.model.RunStatus;
import br.com.kycert.client.model.SubjectInput;
import br.com.kycert.client.model.SubjectType;
import br.com.kycert.contract.support.ContractTest;
import br.com.kycert.contract.support.Exchange;
import br.com.kycert.contract.support.World;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Every operation through the SDK's {@link KycertClient}, pointed at the recording proxy: the SDK's requests and the
 * server's responses are validated like raw ones, and every documented problem maps to the right exception.
 */
class SdkContractIT extends ContractTest {

    static KycertClient client(World.Key key) {
        return client(key.secret());
    }

    static KycertClient client(String secret) {
        return KycertClient.builder().apiKey(secret).baseUrl(env().sdkBaseUrl()).build();
    }

    static CreateRunRequest request(UUID template, SubjectType type, String doc, String externalId) {
        return new CreateRunRequest()
                .templateId(template)
                .subject(new SubjectInput().type(type).doc(doc).name("João da Silva"))
                .externalId(externalId);
    }

    /** The SDK's last exchange, after checking it carried the key and the version pin. */
    static Exchange lastSdkExchange(String pinnedVersion) {
        Exchange e = recorder().last("sdk");
        assertThat(e.requestHeader("x-kycert-api-version"))
                .as("version pin of " + e.summary())
                .hasValue(pinnedVersion);
        assertThat(e.requestHeader("X-API-Key")).as("key of " + e.summary()).isPresent();
        assertThat(e.requestHeader("User-Agent"))
                .hasValueSatisfying(ua -> assertThat(ua).startsWith("kycert-java/"));
        return e;
    }

    static Exchange lastSdkExchange() {
        return lastSdkExchange(KycertClient.API_VERSION);
    }

    /** Runs {@code call}, expecting exactly {@code type} with the status, code and request id of the response. */
    static <E extends KycertException> E expect(Class<E> type, int status, String code, ThrowingCallable call) {
        return expect(type, status, code, KycertClient.API_VERSION, call);
    }

    static <E extends KycertException> E expect(
            Class<E> type, int status, String code, String pin, ThrowingCallable call) {
        int before = recorder().mark();
        Throwable thrown = catchThrowable(call);
        assertThat(thrown)
                .as("expected %s %d %s", type.getSimpleName(), status, code)
                .isExactlyInstanceOf(type);
        List<Exchange> sent = recorder().since(before);
        assertThat(sent).as("4xx are never retried").hasSize(1);
        Exchange e = lastSdkExchange(pin);
        E error = type.cast(thrown);
        assertThat(error.getStatus()).isEqualTo(status).isEqualTo(e.status());
        assertThat(error.getCode()).isEqualTo(code).isEqualTo(e.problemCode());
        assertThat(error.getRequestId())
                .isNotBlank()
                .isEqualTo(e.responseHeader("X-Request-Id").orElseThrow());
        assertThat(error.getType()).isEqualTo("/problems/" + code);
        return error;
    }

    // ---------------------------------------------------------------- success paths

    @Test
    void createRunSendsTheVersionPinAndAnIdempotencyKey() {
        World w = world();
        Run run = client(w.full).runs().create(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_CLEAR, "sdk_pf"));
        Exchange e = lastSdkExchange();
        assertThat(e.status()).isEqualTo(201);
        assertThat(e.requestHeader("Idempotency-Key")).isPresent();
        assertThat(e.responseHeader("Location")).hasValue(RUNS + "/" + run.getId());
        assertThat(run.getStatus()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.getEnvironment()).isEqualTo(Environment.SANDBOX);
        assertThat(run.getDecision()).isNull();
        assertThat(run.getCompleteness()).isNull();
        assertThat(run.getSubject().getDoc()).isEqualTo("***.000.001-**");
    }

    @Test
    void createRunWithAnAlphanumericCnpj() {
        World w = world();
        Run run = client(w.full)
                .runs()
                .create(request(w.alfa.pjTemplate(), SubjectType.PJ, CNPJ_ALPHANUMERIC_CLEAR, "sdk_pj"));
        assertThat(lastSdkExchange().status()).isEqualTo(201);
        assertThat(run.getSubject().getType()).isEqualTo(SubjectType.PJ);
    }

    @Test
    void createRunWithTheSameIdempotencyKeyReplaysTheFirstRun() {
        World w = world();
        RequestOptions options = RequestOptions.builder()
                .idempotencyKey("sdk-" + UUID.randomUUID())
                .build();
        KycertClient client = client(w.full);
        Run first = client.runs().create(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_PEP, "sdk_idem"), options);
        Run replay = client.runs().create(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_PEP, "sdk_idem"), options);
        assertThat(replay.getId()).isEqualTo(first.getId());
        assertThat(lastSdkExchange().responseHeader("Idempotency-Replayed")).hasValue("true");
    }

    @Test
    void listRunsPagesAndAutoPagesWithFilters() {
        World w = world();
        KycertClient client = client(w.full);
        String tag = "sdk_page_" + UUID.randomUUID();
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(client.runs()
                    .create(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_CLEAR, tag))
                    .getId());
        }
        Collections.reverse(created);

        ListRunsParams params = ListRunsParams.builder()
                .externalId(tag)
                .limit(2)
                .status(RunStatus.QUEUED)
                .subjectType(SubjectType.PF)
                .templateId(w.alfa.pfTemplate())
                .build();
        RunList page = client.runs().list(params);
        assertThat(lastSdkExchange().status()).isEqualTo(200);
        assertThat(page.getData()).extracting(Run::getId).containsExactlyElementsOf(created.subList(0, 2));
        assertThat(page.getHasMore()).isTrue();
        RunList second = client.runs()
                .list(params.toBuilder().cursor(page.getNextCursor()).build());
        assertThat(second.getData()).extracting(Run::getId).containsExactlyElementsOf(created.subList(2, 4));

        int before = recorder().mark();
        List<UUID> all = new ArrayList<>();
        client.runs().listAutoPaging(params).forEach(run -> all.add(run.getId()));
        assertThat(all).containsExactlyElementsOf(created);
        assertThat(recorder().since(before)).hasSize(3).allMatch(e -> e.origin().equals("sdk") && e.status() == 200);
    }

    @Test
    void getRunAndAnalysisOfACompletedRun() {
        World w = world();
        KycertClient client = client(w.full);
        UUID id = client.runs()
                .create(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_PEP, "sdk_get"))
                .getId();
        env().complete(id, "review");

        Run run = client.runs().get(id);
        assertThat(lastSdkExchange().status()).isEqualTo(200);
        assertThat(run.getStatus()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.getDecision()).isEqualTo(Run.DecisionEnum.REVIEW);

        RunAnalysis analysis = client.runs().getAnalysis(id);
        assertThat(lastSdkExchange().status()).isEqualTo(200);
        assertThat(analysis.getDecision()).isEqualTo(Decision.REVIEW);
        assertThat(analysis.getReasons()).isNotEmpty();
        assertThat(analysis.getSources()).isNotEmpty();

        RunList reviews = client.runs()
                .list(ListRunsParams.builder()
                        .externalId("sdk_get")
                        .decision(Decision.REVIEW)
                        .build());
        assertThat(reviews.getData()).extracting(Run::getId).contains(id);
    }

    @Test
    void getRunDetailWithADetailKey() {
        World w = world();
        KycertClient client = client(w.detail);
        UUID id = client.runs()
                .create(request(w.beta.pjTemplate(), SubjectType.PJ, CNPJ_ALPHANUMERIC_CLEAR, "sdk_detail"))
                .getId();
        env().complete(id, "approved");
        RunDetail detail = client.runs().getDetail(id);
        assertThat(lastSdkExchange().status()).isEqualTo(200);
        assertThat(detail.getRunId()).isEqualTo(id);
        assertThat(detail.getSubject().getDoc()).isEqualTo("KYCTST01000161");
        assertThat(detail.getSources())
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.getAttempts()).isEqualTo(1));
    }

    // ---------------------------------------------------------------- problems → exceptions

    @Test
    void unknownOrRevokedKeysThrowAuthenticationException() {
        World w = world();
        expect(
                AuthenticationException.class,
                401,
                "invalid_api_key",
                () -> client(w.revoked).runs().get(UUID.randomUUID()));
        expect(
                AuthenticationException.class,
                401,
                "invalid_api_key",
                () -> client("sk_test_thisIsNotAKycertKey00000000000000").runs().list(null));
    }

    @Test
    void missingScopeOrWrongSubjectTypeThrowPermissionException() {
        World w = world();
        PermissionException scope = expect(
                PermissionException.class,
                403,
                "insufficient_scope",
                () -> client(w.reader).runs().create(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_CLEAR, null)));
        assertThat(scope.getRequiredScopes()).containsExactly("runs:write");
        expect(
                PermissionException.class,
                403,
                "insufficient_scope",
                () -> client(w.full).runs().getDetail(UUID.randomUUID()));

        expect(
                PermissionException.class,
                403,
                "subject_type_not_allowed",
                () -> client(w.pfOnly)
                        .runs()
                        .create(request(w.alfa.pjTemplate(), SubjectType.PJ, CNPJ_ALPHANUMERIC_CLEAR, null)));
        UUID pjRun = client(w.full)
                .runs()
                .create(request(w.alfa.pjTemplate(), SubjectType.PJ, CNPJ_NUMERIC_CLEAR, null))
                .getId();
        expect(
                PermissionException.class,
                403,
                "subject_type_not_allowed",
                () -> client(w.pfOnly).runs().get(pjRun));
    }

    @Test
    void missingRunsAndTemplatesThrowNotFoundException() {
        World w = world();
        expect(
                NotFoundException.class,
                404,
                "run_not_found",
                () -> client(w.full).runs().get(UUID.randomUUID()));
        expect(
                NotFoundException.class,
                404,
                "run_not_found",
                () -> client(w.full).runs().getAnalysis(UUID.randomUUID()));
        expect(
                NotFoundException.class,
                404,
                "run_not_found",
                () -> client(w.detail).runs().getDetail(UUID.randomUUID()));
        expect(
                NotFoundException.class,
                404,
                "template_not_found",
                () -> client(w.full).runs().create(request(UUID.randomUUID(), SubjectType.PF, CPF_CLEAR, null)));
    }

    @Test
    void invalidFieldsThrowInvalidRequestExceptionWithTheFields() {
        World w = world();
        InvalidRequestException document = expect(
                InvalidRequestException.class,
                422,
                "invalid_document",
                () -> client(w.full)
                        .runs()
                        .create(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_BAD_CHECK_DIGITS, null)));
        assertThat(document.getErrors()).extracting(f -> f.field()).containsExactly("subject.doc");
        assertThat(document.getMessage()).doesNotContain(CPF_BAD_CHECK_DIGITS);

        InvalidRequestException mismatch = expect(
                InvalidRequestException.class,
                422,
                "validation_failed",
                () -> client(w.full).runs().create(request(w.alfa.pjTemplate(), SubjectType.PF, CPF_CLEAR, null)));
        assertThat(mismatch.getErrors()).extracting(f -> f.field()).containsExactly("subject.type");
    }

    @Test
    void badVersionOrParametersThrowInvalidRequestException() {
        World w = world();
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            KycertClient stale = KycertClient.builder()
                    .apiKey(w.full.secret())
                    .baseUrl(env().sdkBaseUrl())
                    .apiVersion("2020-01-01")
                    .build();
            expect(
                    InvalidRequestException.class,
                    400,
                    "invalid_api_version",
                    "2020-01-01",
                    () -> stale.runs().list(null));

            InvalidRequestException limit = expect(
                    InvalidRequestException.class,
                    400,
                    "invalid_request",
                    () -> client(w.full)
                            .runs()
                            .list(ListRunsParams.builder().limit(0).build()));
            assertThat(limit.getErrors()).extracting(f -> f.field()).containsExactly("limit");

            expect(
                    InvalidRequestException.class,
                    413,
                    "request_too_large",
                    () -> client(w.full)
                            .runs()
                            .create(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_CLEAR, "x".repeat(70_000))));
        }
    }

    @Test
    void reusedIdempotencyKeyThrowsIdempotencyException() {
        World w = world();
        KycertClient client = client(w.full);
        RequestOptions options = RequestOptions.builder()
                .idempotencyKey("sdk-" + UUID.randomUUID())
                .build();
        client.runs().create(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_CLEAR, "first"), options);
        expect(
                IdempotencyException.class,
                409,
                "idempotency_key_reused",
                () -> client.runs().create(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_CLEAR, "second"), options));
    }

    @Test
    void analysisOfAQueuedRunThrowsConflictException() {
        World w = world();
        KycertClient client = client(w.full);
        UUID id = client.runs()
                .create(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_CLEAR, "sdk_queued"))
                .getId();
        expect(
                ConflictException.class,
                409,
                "run_not_completed",
                () -> client.runs().getAnalysis(id));
    }

    // ---------------------------------------------------------------- rate limits

    @Test
    void overTheLimitTheSdkWaitsRetryAfterThenSucceedsAndReportsTheQuota() {
        String secret = world().limitedSdk.secret();
        int before = recorder().mark();
        // Tenant delta may send 1 request per second: calls in a row meet a 429 within a few tries.
        KycertResponse<ApiKeyInfo> answered = null;
        try (KycertClient client = client(secret)) {
            for (int i = 0; i < 20 && !refusedThenRetried(recorder().since(before), secret); i++) {
                answered = client.keys().meWithResponse(null);
            }
        }
        List<Exchange> sent = recorder().since(before).stream()
                .filter(e -> e.requestHeader("X-API-Key").filter(secret::equals).isPresent())
                .toList();
        assertThat(refusedThenRetried(sent, secret))
                .as("a 429 retried by the SDK: %s", sent)
                .isTrue();
        Exchange refused =
                sent.stream().filter(e -> e.status() == 429).findFirst().orElseThrow();
        assertThat(refused.problemCode()).isEqualTo("rate_limited");
        assertThat(refused.responseHeader("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(sent.get(sent.indexOf(refused) + 1).status())
                .as("the SDK's retry")
                .isEqualTo(200);
        assertThat(answered).isNotNull();
        assertThat(answered.data().getRateLimit().getPerKey()).isEqualTo(1);
        assertThat(answered.rateLimit()).hasValueSatisfying(q -> {
            assertThat(q.limit()).isEqualTo(1);
            assertThat(q.remaining()).isZero();
        });
    }

    /** Whether some request with this key was refused 429 and the next one with it (the SDK's retry) was answered. */
    private static boolean refusedThenRetried(List<Exchange> exchanges, String secret) {
        List<Exchange> mine = exchanges.stream()
                .filter(e -> e.requestHeader("X-API-Key").filter(secret::equals).isPresent())
                .toList();
        for (int i = 0; i + 1 < mine.size(); i++) {
            if (mine.get(i).status() == 429 && mine.get(i + 1).status() == 200) {
                return true;
            }
        }
        return false;
    }
}

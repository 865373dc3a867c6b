package br.com.kycert.contract;

import static br.com.kycert.contract.SdkContractIT.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import br.com.kycert.client.KycertClient;
import br.com.kycert.client.KycertResponse;
import br.com.kycert.client.ListRunsParams;
import br.com.kycert.client.RequestOptions;
import br.com.kycert.client.exception.PermissionException;
import br.com.kycert.client.exception.RunWaitTimeoutException;
import br.com.kycert.client.model.Run;
import br.com.kycert.client.model.RunStatus;
import br.com.kycert.client.model.SubjectType;
import br.com.kycert.contract.support.ContractEnvironment;
import br.com.kycert.contract.support.ContractTest;
import br.com.kycert.contract.support.Exchange;
import br.com.kycert.contract.support.World;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SDK's conveniences against the real server: waiting for a run, response metadata, and per-call keys that
 * never fall back to the client's.
 */
class SdkErgonomicsIT extends ContractTest {

    static final String CPF_ALL_SOURCES_FAIL = "900.000.008-41";

    private static KycertClient client(ContractEnvironment env, World.Key key) {
        return KycertClient.builder()
                .apiKey(key.secret())
                .baseUrl(env.sdkBaseUrl())
                .build();
    }

    @Test
    void waitForCompletionReturnsTheDecisionOfASandboxRun() {
        ContractEnvironment env = workerEnv();
        World w = env.world();
        try (KycertClient client = client(env, w.full)) {
            Run created = client.runs().create(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_PEP, "sdk_wait"));

            Run run = client.runs().waitForCompletion(created.getId(), Duration.ofSeconds(30));

            assertThat(run.getStatus()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.getDecision().getValue()).isEqualTo("review");
            Exchange last = recorder().last("sdk");
            assertThat(last.method()).isEqualTo("GET");
            assertThat(last.path()).isEqualTo("/api/v1/bureau/runs/" + created.getId());
        }
    }

    @Test
    void waitForCompletionEndsOnAFailedRun() {
        ContractEnvironment env = workerEnv();
        World w = env.world();
        try (KycertClient client = client(env, w.full)) {
            Run created = client.runs()
                    .create(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_ALL_SOURCES_FAIL, "sdk_wait_failed"));

            Run run = client.runs().waitForCompletion(created.getId(), Duration.ofSeconds(30));

            assertThat(run.getStatus()).isEqualTo(RunStatus.FAILED);
            assertThat(run.getDecision()).isNull();
        }
    }

    @Test
    void waitForCompletionTimesOutClearlyOnARunThatStaysQueued() {
        // The main server has no worker: its runs stay queued, like live runs where live processing is off.
        World w = world();
        try (KycertClient client = client(env(), w.full)) {
            UUID id = client.runs()
                    .create(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_CLEAR, "sdk_wait_timeout"))
                    .getId();
            int before = recorder().mark();

            RunWaitTimeoutException timeout = catchThrowableOfType(
                    RunWaitTimeoutException.class, () -> client.runs().waitForCompletion(id, Duration.ofSeconds(1)));

            assertThat(timeout).isNotNull();
            assertThat(timeout.getRunId()).isEqualTo(id);
            assertThat(timeout.getRun().getStatus()).isEqualTo(RunStatus.QUEUED);
            assertThat(timeout.getMessage()).contains("still queued");
            List<Exchange> polls = recorder().since(before);
            assertThat(polls)
                    .hasSizeBetween(2, 6)
                    .allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
            assertThat(timeout.getRequestId())
                    .isEqualTo(polls.get(polls.size() - 1)
                            .responseHeader("X-Request-Id")
                            .orElseThrow());
        }
    }

    @Test
    void responseMetadataIsWhatTheServerSent() {
        World w = world();
        try (KycertClient client = client(env(), w.full)) {
            RequestOptions options = RequestOptions.builder()
                    .idempotencyKey("sdk-meta-" + UUID.randomUUID())
                    .build();

            KycertResponse<Run> first = client.runs()
                    .createWithResponse(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_CLEAR, "sdk_meta"), options);
            Exchange created = recorder().last("sdk");
            KycertResponse<Run> replay = client.runs()
                    .createWithResponse(request(w.alfa.pfTemplate(), SubjectType.PF, CPF_CLEAR, "sdk_meta"), options);
            Exchange replayed = recorder().last("sdk");

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(first.requestId())
                    .isNotBlank()
                    .isEqualTo(created.responseHeader("X-Request-Id").orElseThrow());
            assertThat(first.idempotentReplayed()).isFalse();
            assertThat(first.apiVersion()).isEqualTo(KycertClient.API_VERSION);
            assertThat(replay.data().getId()).isEqualTo(first.data().getId());
            assertThat(replay.idempotentReplayed()).isTrue();
            assertThat(replay.requestId())
                    .isEqualTo(replayed.responseHeader("X-Request-Id").orElseThrow())
                    .isNotEqualTo(first.requestId());
            // Rate-limit state, whenever the server reports it, is what its headers say.
            assertThat(first.rateLimit().isPresent())
                    .isEqualTo(created.responseHeader("RateLimit").isPresent());

            KycertResponse<Run> read =
                    client.runs().getWithResponse(first.data().getId(), null);
            assertThat(read.requestId())
                    .isEqualTo(recorder()
                            .last("sdk")
                            .responseHeader("X-Request-Id")
                            .orElseThrow());
            assertThat(read.idempotentReplayed()).isFalse();
        }
    }

    @Test
    void anotherKeyForOneCallIsUsedAndNeverFallsBackToTheClientsKey() {
        World w = world();
        String tag = "sdk_other_key_" + UUID.randomUUID();
        try (KycertClient client = client(env(), w.full)) {
            // A read-only key for this call: creating a run must fail, not quietly use the client's runs:write key.
            PermissionException refused = catchThrowableOfType(
                    PermissionException.class,
                    () -> client.runs()
                            .create(
                                    request(w.alfa.pfTemplate(), SubjectType.PF, CPF_CLEAR, tag),
                                    RequestOptions.builder()
                                            .apiKey(w.reader.secret())
                                            .build()));
            assertThat(refused).isNotNull();
            assertThat(refused.getCode()).isEqualTo("insufficient_scope");
            assertThat(recorder().last("sdk").requestHeader("X-API-Key")).hasValue(w.reader.secret());

            // A key that is not there (an unset variable, say) is refused before anything is sent.
            int before = recorder().mark();
            assertThatThrownBy(() -> RequestOptions.builder().apiKey(System.getenv("KYCERT_NO_SUCH_VARIABLE")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(recorder().since(before)).isEmpty();

            assertThat(client.runs()
                            .list(ListRunsParams.builder().externalId(tag).build())
                            .getData())
                    .as("no run was created with the client's key")
                    .isEmpty();
        }
    }
}

package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.client.KycertClient;
import br.com.kycert.client.KycertResponse;
import br.com.kycert.client.RequestOptions;
import br.com.kycert.client.model.Health;
import br.com.kycert.contract.support.ContractEnvironment;
import br.com.kycert.contract.support.ContractTest;
import br.com.kycert.contract.support.RawHttp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The health probes ({@code getHealth}, {@code getLiveness}): no key, JSON whatever {@code Accept} says, the same
 * headers as every response, on both servers, raw and through the SDK. Their 400, 405, 414 and 431 come from
 * {@code NegativeInputIT}; readiness' 503 needs a database outage (the server's {@code DatabaseOutageIT}).
 */
class HealthContractIT extends ContractTest {

    @Test
    void bothProbesAnswerUpWithoutAKeyOnBothServers() {
        for (ContractEnvironment env : List.of(env(), workerEnv())) {
            for (String path : List.of("/health", "/health/liveness")) {
                RawHttp.Response r = env.http().get(path);
                assertThat(r.status()).as(env.name() + " " + path).isEqualTo(200);
                assertThat(r.json().path("status").asText()).isEqualTo("up");
                assertThat(r.header("X-Request-Id")).isPresent();
                assertThat(r.header("x-kycert-api-version")).hasValue(API_VERSION);
            }
        }
    }

    @Test
    void aKeyHeaderOnAProbeIsIgnoredEvenAnInvalidOne() {
        RawHttp.Response r = http().get("/health", "X-API-Key", "sk_test_thisIsNotAKycertKey00000000000000");
        assertThat(r.status()).isEqualTo(200);
        RawHttp.Response live = http().get("/health/liveness", "Authorization", "Bearer nonsense");
        assertThat(live.status()).isEqualTo(200);
    }

    @Test
    void probesAnswerJsonWhateverAcceptSays() {
        for (String accept : List.of("text/html", "application/xml", "*/*;q=0")) {
            RawHttp.Response r;
            // The spec's validator calls such an Accept a bad request; a probe answers it all the same.
            try (var deliberate = recorder().deliberatelyInvalidRequests()) {
                r = http().get("/health", "Accept", accept);
            }
            assertThat(r.status()).as(accept).isEqualTo(200);
            assertThat(r.header("Content-Type"))
                    .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        }
    }

    @Test
    void theSdkReadsBothProbesOnBothServers() {
        for (ContractEnvironment env : List.of(env(), workerEnv())) {
            try (KycertClient client = KycertClient.builder()
                    .apiKey(env.world().full.secret())
                    .baseUrl(env.sdkBaseUrl())
                    .build()) {
                assertThat(client.health().readiness().getStatus()).isEqualTo(Health.StatusEnum.UP);
                KycertResponse<Health> live = client.health().livenessWithResponse(RequestOptions.none());
                assertThat(live.data().getStatus()).isEqualTo(Health.StatusEnum.UP);
                assertThat(live.requestId()).startsWith("req_");
            }
        }
    }
}

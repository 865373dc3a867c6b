package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.contract.support.ContractTest;
import br.com.kycert.contract.support.RawHttp;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/keys/me} over raw HTTP: success and every documented error. */
class KeysContractIT extends ContractTest {

    static final String ME = "/api/v1/keys/me";

    @Test
    void anyValidKeyDescribesItself() {
        var r = http().get(ME, "X-API-Key", world().detailPfOnly.secret(), "x-kycert-api-version", API_VERSION);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("id").asText())
                .isEqualTo(world().detailPfOnly.id().toString());
        assertThat(r.json().path("subject_type").asText()).isEqualTo("pf");
        assertThat(r.json().path("rate_limit").path("per_key").asInt()).isPositive();
        assertThat(r.body()).doesNotContain(world().detailPfOnly.secret());
    }

    @Test
    void anotherSitesOriginIs403OriginNotAllowed() {
        ErrorsContractIT.assertProblem(
                http().get(ME, "X-API-Key", world().full.secret(), "Origin", "https://evil.example"),
                403,
                "origin_not_allowed");
    }

    @Test
    void missingRevokedAndUnknownVersionAreProblems() {
        RawHttp.Response missing;
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            missing = http().get(ME);
        }
        ErrorsContractIT.assertProblem(missing, 401, "missing_api_key");
        ErrorsContractIT.assertProblem(
                http().get(ME, "X-API-Key", world().revoked.secret()), 401, "invalid_api_key");
        RawHttp.Response version;
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            version = http().get(ME, "X-API-Key", world().full.secret(), "x-kycert-api-version", "2020-01-01");
        }
        ErrorsContractIT.assertProblem(version, 400, "invalid_api_version");
    }
}

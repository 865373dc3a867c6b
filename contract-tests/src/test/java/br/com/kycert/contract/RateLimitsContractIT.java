package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.contract.support.ContractTest;
import br.com.kycert.contract.support.RawHttp;
import br.com.kycert.contract.support.World;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** 429 on every operation, and the rate-limit headers, for a tenant allowed 1 request per second. */
class RateLimitsContractIT extends ContractTest {

    /** Sends until refused: a quota of 1 per second is used up by the second request within the second. */
    private static RawHttp.Response until429(Supplier<RawHttp.Response> send) {
        for (int i = 0; i < 20; i++) {
            RawHttp.Response r = send.get();
            if (r.status() == 429) {
                return r;
            }
        }
        throw new AssertionError("never rate limited");
    }

    private static void assertRateLimited(RawHttp.Response r) {
        ErrorsContractIT.assertProblem(r, 429, "rate_limited");
        assertThat(r.header("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(r.header("RateLimit-Policy")).hasValue("\"key\";q=1;w=1, \"tenant\";q=1;w=1");
        assertThat(r.header("RateLimit")).hasValueSatisfying(v -> assertThat(v).contains("r=0"));
    }

    @Test
    void everyOperationIs429OverTheLimit() {
        World w = world();
        String key = w.limited.secret();
        UUID run = UUID.randomUUID();
        String runs = RUNS;
        assertRateLimited(until429(
                () -> http().post(runs, createBody(w.gamma.pfTemplate(), "pf", CPF_CLEAR, "rl"), "X-API-Key", key)));
        assertRateLimited(until429(() -> http().get(runs, "X-API-Key", key)));
        assertRateLimited(until429(() -> http().get(runs + "/" + run, "X-API-Key", key)));
        assertRateLimited(until429(() -> http().get(runs + "/" + run + "/analysis", "X-API-Key", key)));
        assertRateLimited(until429(() -> http().get(runs + "/" + run + "/detail", "X-API-Key", key)));
        assertRateLimited(until429(() -> http().get("/api/v1/bureau/templates", "X-API-Key", key)));
        assertRateLimited(
                until429(() -> http().get("/api/v1/bureau/templates/" + w.gamma.pfTemplate(), "X-API-Key", key)));
        assertRateLimited(until429(() -> http().get("/api/v1/keys/me", "X-API-Key", key)));
    }

    @Test
    void successfulResponsesCarryThePolicyAndWhatIsLeft() {
        var r = http().get(RUNS + "?limit=1", "X-API-Key", world().full.secret());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("RateLimit-Policy"))
                .hasValueSatisfying(v -> assertThat(v).matches("\"key\";q=\\d+;w=1, \"tenant\";q=\\d+;w=1"));
        assertThat(r.header("RateLimit"))
                .hasValueSatisfying(v -> assertThat(v).matches("\"key\";r=\\d+;t=\\d+, \"tenant\";r=\\d+;t=\\d+"));
    }
}

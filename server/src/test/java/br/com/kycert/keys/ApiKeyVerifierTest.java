package br.com.kycert.keys;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.keys.ApiKeyVerifier.Refused;
import br.com.kycert.keys.ApiKeyVerifier.Verified;
import br.com.kycert.shared.Environment;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The verifier over an in-memory {@link ApiKeyLookup}: the seam a key cache will use. */
class ApiKeyVerifierTest {

    static final Instant NOW = Instant.parse("2026-06-03T12:00:00Z");
    final KeyDigester digester = new KeyDigester(new KeysConfiguration("a-test-pepper-of-enough-length"));
    final Map<String, ApiKey> stored = new HashMap<>();
    final ApiKeyLookup lookup = digest -> stored.entrySet().stream()
            .filter(e -> Arrays.equals(digester.digest(e.getKey()), digest))
            .map(Map.Entry::getValue)
            .findFirst();
    final ApiKeyVerifier verifier = new ApiKeyVerifier(lookup, digester, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anActiveUnexpiredKeyOfItsOwnEnvironmentIsVerified() {
        String secret = store(Environment.SANDBOX, KeyStatus.ACTIVE, NOW.plusSeconds(1));
        var result = verifier.verify(ApiKeyParser.parse(secret).orElseThrow());
        assertThat(result).isInstanceOf(Verified.class);
        assertThat(((Verified) result).key()).isSameAs(stored.get(secret));
    }

    @Test
    void everyRefusalSaysWhy() {
        assertThat(reason(ApiKeyFormat.generate(Environment.LIVE))).isEqualTo(KeyRefusal.UNKNOWN);
        assertThat(reason(store(Environment.LIVE, KeyStatus.REVOKED, null))).isEqualTo(KeyRefusal.REVOKED);
        assertThat(reason(store(Environment.LIVE, KeyStatus.INACTIVE, null))).isEqualTo(KeyRefusal.INACTIVE);
        assertThat(reason(store(Environment.LIVE, KeyStatus.ACTIVE, NOW))).isEqualTo(KeyRefusal.EXPIRED);
        // A sandbox-prefixed secret stored as a live key: only tampered storage can do this.
        String sandbox = ApiKeyFormat.generate(Environment.SANDBOX);
        stored.put(sandbox, key(Environment.LIVE, KeyStatus.ACTIVE, null));
        assertThat(reason(sandbox)).isEqualTo(KeyRefusal.WRONG_ENVIRONMENT);
    }

    @Test
    void aRefusalOfAKnownKeyCarriesItForTheAuditButAnUnknownOneDoesNot() {
        String revoked = store(Environment.LIVE, KeyStatus.REVOKED, null);
        assertThat(((Refused) verifier.verify(ApiKeyParser.parse(revoked).orElseThrow())).knownKey())
                .contains(stored.get(revoked));
        String unknown = ApiKeyFormat.generate(Environment.LIVE);
        assertThat(((Refused) verifier.verify(ApiKeyParser.parse(unknown).orElseThrow())).knownKey())
                .isEmpty();
    }

    @Test
    void refusalValuesAreTheAuditWords() {
        assertThat(Arrays.stream(KeyRefusal.values()).map(KeyRefusal::value))
                .containsExactly(
                        "missing",
                        "conflicting_keys",
                        "malformed",
                        "unknown",
                        "revoked",
                        "inactive",
                        "expired",
                        "wrong_environment");
    }

    private KeyRefusal reason(String secret) {
        var result = verifier.verify(ApiKeyParser.parse(secret).orElseThrow());
        assertThat(result).isInstanceOf(Refused.class);
        return ((Refused) result).reason();
    }

    private String store(Environment environment, KeyStatus status, Instant expiresAt) {
        String secret = ApiKeyFormat.generate(environment);
        stored.put(secret, key(environment, status, expiresAt));
        return secret;
    }

    private static ApiKey key(Environment environment, KeyStatus status, Instant expiresAt) {
        return new ApiKey(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "test",
                environment,
                "abcd",
                status,
                new ApiKey.Grant(List.of(Scope.RUNS_READ), null, false),
                ApiKey.Lifecycle.created("test", NOW.minusSeconds(60), expiresAt));
    }
}

package br.com.kycert.client;

import static br.com.kycert.client.Fixtures.TEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.client.model.ApiVersion;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KycertClientBuilderTest {

    @Test
    void missingKeyAndNoEnvironmentVariableFailsFastNamingTheVariable() {
        assertThatThrownBy(
                        () -> KycertClient.builder().environment(name -> null).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KYCERT_API_KEY")
                .hasMessageContaining("apiKey(");
    }

    @Test
    void blankEnvironmentVariableCountsAsMissing() {
        assertThatThrownBy(
                        () -> KycertClient.builder().environment(name -> "  ").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KYCERT_API_KEY");
    }

    @Test
    void keyIsReadFromTheEnvironmentWhenNotGiven() {
        Map<String, String> env = Map.of("KYCERT_API_KEY", "sk_live_fromTheEnvironment");
        KycertClient client = KycertClient.builder().environment(env::get).build();
        assertThat(client.toString()).contains("sk_live_…").doesNotContain("fromTheEnvironment");
    }

    @Test
    void malformedEnvironmentKeyIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> KycertClient.builder()
                        .environment(name -> "pk_test_leakme")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KYCERT_API_KEY")
                .hasMessageContaining("sk_live_")
                .hasMessageNotContaining("leakme");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "sk_test_",
                "sk_prod_abcdef",
                "pk_test_abcdef",
                "SK_TEST_abcdef",
                "sk_test_abc def",
                "sk_test_abc\n",
                "abc"
            })
    void malformedKeysAreRejectedWithoutEchoingThem(String key) {
        assertThatThrownBy(() -> KycertClient.builder().apiKey(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid kycert API key");
        if (key.length() > 8) {
            assertThatThrownBy(() -> KycertClient.builder().apiKey(key)).hasMessageNotContaining(key.strip());
        }
    }

    @Test
    void nullKeyIsRejectedWithTheDocumentedExceptionInsteadOfFallingBackToTheEnvironment() {
        assertThatThrownBy(() -> KycertClient.builder().apiKey(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid kycert API key: it is null (to read KYCERT_API_KEY, do not call apiKey at all)");
    }

    @Test
    void requestOptionsRefuseANullKeyInsteadOfFallingBackToTheClientsKey() {
        assertThatThrownBy(() -> RequestOptions.builder().apiKey(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it is null")
                .hasMessageContaining("do not call apiKey");
        assertThatThrownBy(() -> RequestOptions.builder().apiKey(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RequestOptions.none().getApiKey()).isNull();
    }

    @Test
    void baseUrlIsReadFromTheEnvironmentWhenNotGiven() {
        Map<String, String> env = Map.of("KYCERT_API_KEY", TEST_KEY, "KYCERT_BASE_URL", "http://127.0.0.1:8080/");
        KycertClient client = KycertClient.builder().environment(env::get).build();
        assertThat(client.getBaseUrl()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void anExplicitBaseUrlWinsOverTheEnvironment() {
        Map<String, String> env = Map.of("KYCERT_BASE_URL", "http://127.0.0.1:8080");
        KycertClient client = KycertClient.builder()
                .environment(env::get)
                .apiKey(TEST_KEY)
                .baseUrl("https://sandbox.example")
                .build();
        assertThat(client.getBaseUrl()).isEqualTo("https://sandbox.example");
    }

    @Test
    void blankBaseUrlVariableMeansTheDefault() {
        KycertClient client = KycertClient.builder()
                .environment(name -> name.equals("KYCERT_BASE_URL") ? " " : null)
                .apiKey(TEST_KEY)
                .build();
        assertThat(client.getBaseUrl()).isEqualTo(KycertClient.DEFAULT_BASE_URL);
    }

    @Test
    void aBadBaseUrlVariableFailsTheBuildNamingIt() {
        assertThatThrownBy(() -> KycertClient.builder()
                        .environment(name -> name.equals("KYCERT_BASE_URL") ? "localhost:8080" : null)
                        .apiKey(TEST_KEY)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KYCERT_BASE_URL")
                .hasMessageContaining("absolute http(s) URL");
    }

    @Test
    void nullBaseUrlIsRejected() {
        assertThatThrownBy(() -> KycertClient.builder().baseUrl(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedClientRefusesCallsAndClosingTwiceIsHarmless() {
        KycertClient client = KycertClient.builder()
                .apiKey(TEST_KEY)
                .environment(name -> null)
                .build();
        try (client) {
            assertThat(client.isClosed()).isFalse();
        }
        client.close();
        assertThat(client.isClosed()).isTrue();
        assertThat(client.toString()).contains("closed");
        assertThatThrownBy(() -> client.runs().get(Fixtures.RUN_ID))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void liveAndTestKeysAreAccepted() {
        assertThat(KycertClient.builder().apiKey("sk_live_abc").build()).isNotNull();
        assertThat(KycertClient.builder().apiKey("sk_test_abc").build()).isNotNull();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        KycertClient client = KycertClient.builder()
                .apiKey(TEST_KEY)
                .environment(name -> null)
                .build();
        assertThat(client.getBaseUrl()).isEqualTo("https://admin.kycert.com.br");
        assertThat(client.getApiVersion()).isEqualTo(KycertClient.API_VERSION).isEqualTo("2026-12-01");
        assertThat(client.getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(client.getReadTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(client.getMaxNetworkRetries()).isEqualTo(2);
    }

    @Test
    void thePinnedVersionIsTheLatestTheSpecPublishes() {
        // The spec's ApiVersion enum is the one definition of the versions; the SDK pins its newest.
        String latest = Arrays.stream(ApiVersion.values())
                .map(ApiVersion::getValue)
                .filter(v -> v.matches("\\d{4}-\\d{2}-\\d{2}")) // not the generator's unknown_default_open_api
                .max(String::compareTo)
                .orElseThrow();
        assertThat(KycertClient.API_VERSION).isEqualTo(latest);
    }

    @Test
    void toStringNeverShowsTheKey() {
        KycertClient client = KycertClient.builder().apiKey(TEST_KEY).build();
        assertThat(client.toString())
                .contains("sk_test_…")
                .doesNotContain(TEST_KEY)
                .doesNotContain("SECRET");
    }

    @Test
    void trailingSlashOfBaseUrlIsIgnored() {
        KycertClient client = KycertClient.builder()
                .apiKey(TEST_KEY)
                .baseUrl("http://localhost:8080/")
                .build();
        assertThat(client.getBaseUrl()).isEqualTo("http://localhost:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin.kycert.com.br", "ftp://admin.kycert.com.br", "http://", "not a url"})
    void badBaseUrlsAreRejected(String url) {
        assertThatThrownBy(() -> KycertClient.builder().baseUrl(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badNumbersAreRejected() {
        KycertClient.Builder builder = KycertClient.builder();
        assertThatThrownBy(() -> builder.maxNetworkRetries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.connectTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.readTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.apiVersion(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestOptionsValidateAndNeverShowTheKey() {
        RequestOptions options =
                RequestOptions.builder().apiKey(TEST_KEY).idempotencyKey("k-1").build();
        assertThat(options.toString())
                .contains("sk_test_…")
                .doesNotContain("SECRET")
                .contains("k-1");
        assertThat(options.toBuilder().build().getApiKey()).isEqualTo(TEST_KEY);

        assertThatThrownBy(() -> RequestOptions.builder().apiKey("pk_leakme"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("leakme");
        assertThatThrownBy(() -> RequestOptions.builder().idempotencyKey(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestOptions.builder().idempotencyKey("has space"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestOptions.builder().idempotencyKey("x".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestOptions.builder().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestOptions.builder().maxNetworkRetries(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RequestOptions.builder().maxNetworkRetries(0).build().toBuilder()
                        .build()
                        .getMaxNetworkRetries())
                .isZero();
    }
}

package br.com.kycert.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The published test vectors (docs/guides/webhooks.md and the SDK test use the same ones). */
class WebhookSignatureTest {

    static final String SECRET = "whsec_test_vector_secret_do_not_use";
    static final long T = 1780488000L;
    static final String BODY = "{\"id\":\"evt_00000000000000000000000000000001\",\"type\":\"run.completed\"}";

    @Test
    void matchesThePublishedVector() {
        // Computed independently (Python's hmac module).
        assertThat(WebhookSignature.v1(SECRET, T, BODY))
                .isEqualTo("9546d68b50e6d297984c3b99737694054847b9ff6aad2cf19372631704881236");
        assertThat(WebhookSignature.header(T, BODY, List.of(SECRET))).startsWith("t=1780488000,v1=");
        assertThat(WebhookSignature.header(T, BODY, List.of(SECRET, "whsec_old")))
                .matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
    }

    @Test
    void anyChangeChangesTheSignature() {
        String v1 = WebhookSignature.v1(SECRET, T, BODY);
        assertThat(WebhookSignature.v1(SECRET, T + 1, BODY)).isNotEqualTo(v1);
        assertThat(WebhookSignature.v1(SECRET + "x", T, BODY)).isNotEqualTo(v1);
        assertThat(WebhookSignature.v1(SECRET, T, BODY + " ")).isNotEqualTo(v1);
    }
}

package br.com.kycert.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.client.exception.SignatureVerificationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhooksTest {

    // The published test vector (docs/guides/webhooks.md), computed independently of this SDK.
    static final String SECRET = "whsec_test_vector_secret_do_not_use";
    static final long T = 1780488000L;
    static final String VECTOR_BODY = "{\"id\":\"evt_00000000000000000000000000000001\",\"type\":\"run.completed\"}";
    static final String VECTOR_V1 = "9546d68b50e6d297984c3b99737694054847b9ff6aad2cf19372631704881236";

    static final String EVENT =
            "{\"id\":\"evt_0123456789abcdef0123456789abcdef\",\"object\":\"event\",\"type\":\"run.completed\","
                    + "\"api_version\":\"2026-06-03\",\"environment\":\"sandbox\",\"created_at\":\"2026-06-03T12:00:02Z\","
                    + "\"data\":{\"run_id\":\"3fa85f64-5717-4562-b3fc-2c963f66afa6\",\"external_id\":\"cust_abc123\","
                    + "\"status\":\"completed\",\"decision\":\"review\",\"completeness\":\"full\",\"compliance_alert\":false,"
                    + "\"template\":{\"id\":\"550e8400-e29b-41d4-a716-446655440000\",\"version\":1},"
                    + "\"created_at\":\"2026-06-03T12:00:00Z\",\"completed_at\":\"2026-06-03T12:00:02Z\"}}";

    static final Clock AT_T = Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC);

    @Test
    void signsThePublishedVector() {
        assertThat(Webhooks.sign(SECRET, T, VECTOR_BODY)).isEqualTo(VECTOR_V1);
    }

    @Test
    void verifiesAndParsesAGenuineEvent() {
        String header = "t=" + T + ",v1=" + Webhooks.sign(SECRET, T, EVENT);
        Webhooks.WebhookEvent event = Webhooks.constructEvent(EVENT, header, SECRET, Duration.ofMinutes(5), AT_T);
        assertThat(event.id()).isEqualTo("evt_0123456789abcdef0123456789abcdef");
        assertThat(event.type()).isEqualTo("run.completed");
        assertThat(event.data().decision()).isEqualTo("review");
        assertThat(event.data().externalId()).isEqualTo("cust_abc123");
        assertThat(event.data().templateVersion()).isEqualTo(1);
    }

    @Test
    void acceptsEitherSecretDuringRotation() {
        String header =
                "t=" + T + ",v1=" + Webhooks.sign("whsec_new", T, EVENT) + ",v1=" + Webhooks.sign(SECRET, T, EVENT);
        Webhooks.verifySignature(EVENT, header, SECRET, Duration.ofMinutes(5), AT_T);
        Webhooks.verifySignature(EVENT, header, "whsec_new", Duration.ofMinutes(5), AT_T);
    }

    @Test
    void rejectsATamperedBody() {
        String header = "t=" + T + ",v1=" + Webhooks.sign(SECRET, T, EVENT);
        assertThatThrownBy(() -> Webhooks.verifySignature(
                        EVENT.replace("review", "approved"), header, SECRET, Duration.ofMinutes(5), AT_T))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining("no signature matches");
    }

    @Test
    void rejectsAnOldTimestamp() {
        long old = T - 600;
        String header = "t=" + old + ",v1=" + Webhooks.sign(SECRET, old, EVENT);
        assertThatThrownBy(() -> Webhooks.verifySignature(EVENT, header, SECRET, Duration.ofMinutes(5), AT_T))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining("tolerance");
    }

    @Test
    void rejectsAWrongSecret() {
        String header = "t=" + T + ",v1=" + Webhooks.sign(SECRET, T, EVENT);
        assertThatThrownBy(() -> Webhooks.verifySignature(EVENT, header, "whsec_wrong", Duration.ofMinutes(5), AT_T))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageNotContaining("whsec_wrong");
    }

    @Test
    void rejectsMissingOrMalformedHeaders() {
        for (String header : new String[] {null, "", "v1=abc", "t=abc,v1=00", "t=" + T}) {
            assertThatThrownBy(() -> Webhooks.verifySignature(EVENT, header, SECRET, Duration.ofMinutes(5), AT_T))
                    .isInstanceOf(SignatureVerificationException.class);
        }
    }
}

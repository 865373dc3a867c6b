package br.com.kycert.client;

import br.com.kycert.client.exception.SignatureVerificationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies and parses kycert webhook deliveries.
 *
 * <p>Every delivery carries {@code kycert-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}
 * (two {@code v1} values while a rotated secret is still honoured). Verify the <em>raw</em> request body, exactly
 * as received, before parsing it:
 *
 * <pre>{@code
 * WebhookEvent event = Webhooks.constructEvent(rawBody, request.getHeader("kycert-signature"), endpointSecret);
 * if (event.type().equals("run.completed")) {
 *     handle(event.data().runId(), event.data().decision());
 * }
 * }</pre>
 */
public final class Webhooks {

    /** The signature header's name. */
    public static final String SIGNATURE_HEADER = "kycert-signature";

    /** How far the signature's timestamp may be from now by default: 5 minutes. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Webhooks() {}

    /**
     * Verifies a delivery's signature with the default tolerance and parses the event.
     *
     * @param payload the raw request body, exactly as received
     * @param signatureHeader the value of the {@code kycert-signature} header
     * @param secret the endpoint's signing secret ({@code whsec_...})
     * @return the event
     * @throws SignatureVerificationException when the signature does not verify
     */
    public static WebhookEvent constructEvent(String payload, String signatureHeader, String secret) {
        return constructEvent(payload, signatureHeader, secret, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /**
     * Verifies a delivery's signature and parses the event.
     *
     * @param payload the raw request body, exactly as received
     * @param signatureHeader the value of the {@code kycert-signature} header
     * @param secret the endpoint's signing secret
     * @param tolerance how far the timestamp may be from now
     * @param clock the clock to compare the timestamp with
     * @return the event
     * @throws SignatureVerificationException when the signature does not verify or the body is not an event
     */
    public static WebhookEvent constructEvent(
            String payload, String signatureHeader, String secret, Duration tolerance, Clock clock) {
        verifySignature(payload, signatureHeader, secret, tolerance, clock);
        try {
            return WebhookEvent.from(JSON.readTree(payload));
        } catch (IOException | RuntimeException e) {
            throw new SignatureVerificationException("the signed payload is not a kycert event");
        }
    }

    /**
     * Verifies a delivery's signature with the default tolerance.
     *
     * @param payload the raw request body
     * @param signatureHeader the {@code kycert-signature} header
     * @param secret the endpoint's signing secret
     * @throws SignatureVerificationException when it does not verify
     */
    public static void verifySignature(String payload, String signatureHeader, String secret) {
        verifySignature(payload, signatureHeader, secret, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /**
     * Verifies a delivery's signature.
     *
     * @param payload the raw request body
     * @param signatureHeader the {@code kycert-signature} header
     * @param secret the endpoint's signing secret
     * @param tolerance how far the timestamp may be from now
     * @param clock the clock to compare the timestamp with
     * @throws SignatureVerificationException when it does not verify
     */
    public static void verifySignature(
            String payload, String signatureHeader, String secret, Duration tolerance, Clock clock) {
        if (payload == null || secret == null || secret.isEmpty()) {
            throw new SignatureVerificationException("payload and secret are required");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new SignatureVerificationException("no kycert-signature header");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : signatureHeader.split(",")) {
            String item = part.strip();
            if (item.startsWith("t=")) {
                try {
                    timestamp = Long.parseLong(item.substring(2));
                } catch (NumberFormatException e) {
                    throw new SignatureVerificationException("malformed timestamp in kycert-signature");
                }
            } else if (item.startsWith("v1=")) {
                signatures.add(item.substring(3));
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new SignatureVerificationException("kycert-signature needs t= and at least one v1=");
        }
        byte[] expected = sign(secret, timestamp, payload).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String signature : signatures) {
            matched |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        }
        if (!matched) {
            throw new SignatureVerificationException("no signature matches the payload and secret");
        }
        long age = Math.abs(Instant.now(clock).getEpochSecond() - timestamp);
        if (age > tolerance.getSeconds()) {
            throw new SignatureVerificationException(
                    "timestamp outside the tolerance of " + tolerance.getSeconds() + " s");
        }
    }

    /**
     * Computes a {@code v1} signature: hex HMAC-SHA256 of {@code timestamp + "." + payload} under the secret.
     *
     * @param secret the signing secret
     * @param timestamp unix seconds
     * @param payload the raw body
     * @return 64 lower-case hex characters
     */
    public static String sign(String secret, long timestamp, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * A webhook event: {@code run.completed} or {@code run.failed}. It never carries a personal document.
     *
     * @param id the event id ({@code evt_...}), stable across redeliveries: use it to deduplicate
     * @param type {@code run.completed} or {@code run.failed}
     * @param apiVersion the API version the payload follows
     * @param environment {@code live} or {@code sandbox}
     * @param createdAt when the event was created
     * @param data the run it is about
     */
    public record WebhookEvent(
            String id, String type, String apiVersion, String environment, Instant createdAt, RunData data) {

        static WebhookEvent from(JsonNode node) {
            JsonNode d = node.get("data");
            return new WebhookEvent(
                    node.get("id").asText(),
                    node.get("type").asText(),
                    node.path("api_version").asText(null),
                    node.path("environment").asText(null),
                    Instant.parse(node.get("created_at").asText()),
                    new RunData(
                            java.util.UUID.fromString(d.get("run_id").asText()),
                            text(d, "external_id"),
                            d.get("status").asText(),
                            text(d, "decision"),
                            text(d, "completeness"),
                            d.path("compliance_alert").asBoolean(false),
                            java.util.UUID.fromString(
                                    d.get("template").get("id").asText()),
                            d.get("template").get("version").asInt()));
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    /**
     * The run a webhook event is about.
     *
     * @param runId the run's id
     * @param externalId your reference, or {@code null}
     * @param status {@code completed} or {@code failed}
     * @param decision {@code approved}, {@code review}, {@code rejected}, or {@code null} for a failed run
     * @param completeness {@code full} or {@code partial}
     * @param complianceAlert whether a sanctions hit demands freezing and reporting
     * @param templateId the template used
     * @param templateVersion the template version used
     */
    public record RunData(
            java.util.UUID runId,
            String externalId,
            String status,
            String decision,
            String completeness,
            boolean complianceAlert,
            java.util.UUID templateId,
            int templateVersion) {}
}

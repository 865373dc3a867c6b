package br.com.kycert.webhooks;

import br.com.kycert.shared.TenantScope;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * A tenant's webhook endpoint for one environment. Secrets are not part of it: they are never shown
 * again after creation and rotation.
 *
 * @param rotating whether a previous secret still signs too
 * @param apiVersion the API version its events are rendered in, pinned when it was added
 */
public record WebhookEndpointEntity(
        UUID id,
        TenantScope scope,
        String url,
        Status status,
        Health health,
        boolean rotating,
        Instant createdAt,
        String apiVersion) {

    /** Enabled endpoints receive deliveries; disabled ones (after sustained failure) wait to be enabled again. */
    public enum Status {
        ENABLED("enabled"),
        DISABLED("disabled"),
        REMOVED("removed");

        private final String value;

        Status(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        /** For values read back from the database, which its CHECK constraint keeps valid. */
        public static Status of(String value) {
            return Arrays.stream(values())
                    .filter(s -> s.value.equals(value))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("unknown endpoint status in storage: " + value));
        }
    }

    /** How deliveries to the endpoint have been going; {@code disabledReason} says why it was disabled. */
    public record Health(String disabledReason, int consecutiveFailures, Instant failingSince) {}

    public UUID tenantId() {
        return scope.tenantId();
    }

    public String disabledReason() {
        return health.disabledReason();
    }

    public int consecutiveFailures() {
        return health.consecutiveFailures();
    }
}

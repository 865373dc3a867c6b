package br.com.kycert.webhooks;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/** One delivery of an event to an endpoint, as the delivery log shows it. */
public record WebhookDeliveryEntity(
        UUID id, Event event, UUID endpointId, Status status, int attempts, LastAttempt last, Schedule schedule) {

    /** Pending until delivered (succeeded), given up (failed) or cancelled (endpoint removed or disabled). */
    public enum Status {
        PENDING("pending"),
        SUCCEEDED("succeeded"),
        FAILED("failed"),
        CANCELLED("cancelled");

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
                    .orElseThrow(() -> new IllegalStateException("unknown delivery status in storage: " + value));
        }
    }

    /** The event delivered; redeliveries of it keep its id. */
    public record Event(UUID id, String type) {}

    /** The last attempt: when, the endpoint's HTTP status if it answered, and the error if it failed. */
    public record LastAttempt(Instant at, Integer status, String error) {}

    public record Schedule(Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {}

    public Integer lastStatus() {
        return last.status();
    }
}

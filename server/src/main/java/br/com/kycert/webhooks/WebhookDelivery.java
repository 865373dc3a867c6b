package br.com.kycert.webhooks;

import java.time.Instant;
import java.util.UUID;

/** One delivery of an event to an endpoint, as the delivery log shows it. */
public record WebhookDelivery(
        UUID id,
        UUID eventId,
        String eventType,
        UUID endpointId,
        String status,
        int attempts,
        Instant nextAttemptAt,
        Instant lastAttemptAt,
        Integer lastStatus,
        String lastError,
        Instant deliveredAt,
        Instant createdAt) {}

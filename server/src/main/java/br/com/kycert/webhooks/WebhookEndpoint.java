package br.com.kycert.webhooks;

import br.com.kycert.keys.KeyEnvironment;
import java.time.Instant;
import java.util.UUID;

/** A tenant's webhook endpoint for one environment. Secrets are not part of it: they are never shown again. */
public record WebhookEndpoint(
        UUID id,
        UUID tenantId,
        KeyEnvironment environment,
        String url,
        String status,
        String disabledReason,
        int consecutiveFailures,
        Instant failingSince,
        boolean rotating,
        Instant createdAt) {}

package br.com.kycert.webhooks;

import br.com.kycert.shared.Environment;
import java.time.Instant;
import java.util.UUID;

/** A tenant's webhook endpoint for one environment. Secrets are not part of it: they are never shown again. */
public record WebhookEndpoint(
        UUID id,
        UUID tenantId,
        Environment environment,
        String url,
        String status,
        String disabledReason,
        int consecutiveFailures,
        Instant failingSince,
        boolean rotating,
        Instant createdAt) {}

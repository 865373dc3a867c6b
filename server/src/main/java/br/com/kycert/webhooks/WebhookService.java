package br.com.kycert.webhooks;

import br.com.kycert.audit.AuditLog;
import br.com.kycert.runs.RunEntity;
import br.com.kycert.runs.RunFinishedListener;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.Ids;
import br.com.kycert.shared.TenantScope;
import br.com.kycert.shared.web.ApiVersions;
import br.com.kycert.tenants.TenantService;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/** Webhook endpoints and the events of finished runs. */
@Singleton
public class WebhookService implements RunFinishedListener {

    /** An endpoint with its secret: only ever returned by creation and rotation. */
    public record WithSecret(WebhookEndpointEntity endpoint, String secret) {}

    private final WebhookRepository repository;
    private final TenantService tenants;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json;

    WebhookService(WebhookRepository repository, TenantService tenants, AuditLog audit, Ids ids, Clock clock,
                   ObjectMapper json) {
        this.repository = repository;
        this.tenants = tenants;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    @Transactional
    public WithSecret add(UUID tenantId, Environment environment, String url, String actor) {
        tenants.find(tenantId).orElseThrow(() -> new NoSuchElementException("no tenant " + tenantId));
        String valid = validUrl(url);
        UUID id = ids.next();
        String secret = WebhookSignature.newSecret();
        repository.insertEndpoint(id, tenantId, environment, valid, secret, clock.instant());
        audit.record("webhook_endpoint.added", tenantId, actor, null, null,
                Map.of("endpoint_id", id.toString(), "environment", environment.value()));
        return new WithSecret(repository.endpoint(id).orElseThrow(), secret);
    }

    @Transactional
    public List<WebhookEndpointEntity> list(UUID tenantId) {
        tenants.find(tenantId).orElseThrow(() -> new NoSuchElementException("no tenant " + tenantId));
        return repository.endpoints(tenantId);
    }

    @Transactional
    public void remove(UUID endpointId, String actor) {
        WebhookEndpointEntity endpoint = endpoint(endpointId);
        repository.remove(endpointId, clock.instant());
        audit.record("webhook_endpoint.removed", endpoint.tenantId(), actor, null, null,
                Map.of("endpoint_id", endpointId.toString()));
    }

    /** A new secret signs from now on; the previous one keeps signing too until it expires. */
    @Transactional
    public WithSecret rotateSecret(UUID endpointId, Duration previousValidFor, String actor) {
        WebhookEndpointEntity endpoint = endpoint(endpointId);
        if (previousValidFor.isNegative() || previousValidFor.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("the previous secret may stay valid for 0 to 7 days");
        }
        String secret = WebhookSignature.newSecret();
        Instant now = clock.instant();
        repository.rotate(endpointId, secret, now.plus(previousValidFor), now);
        audit.record("webhook_endpoint.secret_rotated", endpoint.tenantId(), actor, null, null,
                Map.of("endpoint_id", endpointId.toString()));
        return new WithSecret(repository.endpoint(endpointId).orElseThrow(), secret);
    }

    @Transactional
    public WebhookEndpointEntity enable(UUID endpointId) {
        endpoint(endpointId);
        repository.enable(endpointId, clock.instant());
        return endpoint(endpointId);
    }

    @Transactional
    public List<WebhookDeliveryEntity> deliveries(UUID endpointId, int limit) {
        endpoint(endpointId);
        return repository.deliveries(endpointId, Math.max(1, Math.min(limit, 500)));
    }

    /** Sends an event again: a new delivery of the same event (same event id) to the same endpoint. */
    @Transactional
    public WebhookDeliveryEntity redeliver(UUID deliveryId) {
        WebhookDeliveryEntity original = repository.delivery(deliveryId)
                .orElseThrow(() -> new NoSuchElementException("no delivery " + deliveryId));
        WebhookEndpointEntity endpoint = endpoint(original.endpointId());
        if (endpoint.status() != WebhookEndpointEntity.Status.ENABLED) {
            throw new IllegalArgumentException("endpoint " + endpoint.id() + " is " + endpoint.status().value()
                    + (endpoint.disabledReason() == null ? "" : " (" + endpoint.disabledReason() + ")")
                    + "; enable it first (webhooks enable)");
        }
        UUID id = ids.next();
        repository.insertDelivery(id, original.event().id(), original.endpointId(), clock.instant());
        return repository.delivery(id).orElseThrow();
    }

    /**
     * Writes the event of a finished run and one delivery per enabled endpoint. Called inside the
     * transaction that finishes the run, so the event exists exactly when the result does.
     */
    @Override
    public void runFinished(RunEntity run) {
        TenantScope scope = run.scope();
        List<UUID> endpoints = repository.enabledEndpointIds(scope.tenantId(), scope.environment());
        UUID eventId = ids.next();
        String type = "run." + run.status().value();
        Instant now = clock.instant();
        repository.insertEvent(eventId, scope.tenantId(), scope.environment(), type, run.id(),
                payload(eventId, type, run, now), now);
        for (UUID endpoint : endpoints) {
            repository.insertDelivery(ids.next(), eventId, endpoint, now);
        }
    }

    /** What a run-finished event says: no personal document, ever. */
    private String payload(UUID eventId, String type, RunEntity run, Instant now) {
        RunEntity.Result result = run.result();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_id", run.id().toString());
        data.put("external_id", run.request().externalId());
        data.put("status", run.status().value());
        data.put("decision", result.decision() == null ? null : result.decision().value());
        data.put("completeness", result.completeness().value());
        data.put("compliance_alert", result.complianceAlert());
        data.put("template", Map.of("id", run.request().templateId().toString(),
                "version", run.request().templateVersion()));
        data.put("created_at", run.times().createdAt().toString());
        data.put("completed_at", run.times().completedAt() == null ? null : run.times().completedAt().toString());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "evt_" + eventId.toString().replace("-", ""));
        event.put("object", "event");
        event.put("type", type);
        event.put("api_version", ApiVersions.latest());
        event.put("environment", run.scope().environment().value());
        event.put("created_at", now.toString());
        event.put("data", data);
        try {
            return json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebhookEndpointEntity endpoint(UUID id) {
        return repository.endpoint(id).orElseThrow(() -> new NoSuchElementException("no webhook endpoint " + id));
    }

    private static String validUrl(String url) {
        try {
            URI uri = URI.create(url == null ? "" : url.strip());
            if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException("--url must not carry credentials");
            }
            return uri.toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() != null ? e.getMessage() : "--url must be an http(s) URL with a host");
        }
    }
}

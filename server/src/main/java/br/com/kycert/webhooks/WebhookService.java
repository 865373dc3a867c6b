package br.com.kycert.webhooks;

import br.com.kycert.audit.AuditLog;
import br.com.kycert.runs.RunEntity;
import br.com.kycert.runs.RunFinishedListener;
import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.Ids;
import br.com.kycert.shared.TenantScope;
import br.com.kycert.shared.web.ApiVersions;
import br.com.kycert.tenants.TenantService;
import br.com.kycert.versions.ApiVersionCatalog;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Webhook endpoints and the events of finished runs. */
@Singleton
public class WebhookService implements RunFinishedListener {

    /** An endpoint with its secret: only ever returned by creation and rotation. */
    public record WithSecret(WebhookEndpointEntity endpoint, String secret) {}

    /** How long a rotated-out secret may keep signing. */
    static final Duration MAX_PREVIOUS_VALID_FOR = Duration.ofDays(7);

    private final WebhookRepository repository;
    private final TenantService tenants;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json;

    WebhookService(
            WebhookRepository repository,
            TenantService tenants,
            AuditLog audit,
            Ids ids,
            Clock clock,
            ObjectMapper json) {
        this.repository = repository;
        this.tenants = tenants;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    /** Adds an endpoint pinned to the latest API version. */
    @Transactional
    public WithSecret add(UUID tenantId, Environment environment, String url, String actor) {
        return add(tenantId, environment, url, null, actor);
    }

    /**
     * Adds an endpoint whose events are rendered in {@code apiVersion} (the latest when {@code null}). The pin never
     * changes afterwards: an integration moves to a newer version by adding an endpoint on it.
     */
    @Transactional
    public WithSecret add(UUID tenantId, Environment environment, String url, String apiVersion, String actor) {
        String version = apiVersion == null ? ApiVersionCatalog.latest() : apiVersion.strip();
        if (!ApiVersionCatalog.versions().contains(version)) {
            throw DomainException.invalid(
                    "api_version",
                    DomainException.Violation.UNKNOWN_VALUE,
                    Map.of("value", version, "allowed", ApiVersionCatalog.versions()));
        }
        tenants.find(tenantId).orElseThrow(() -> DomainException.notFound("tenant", tenantId));
        String valid = validUrl(url);
        UUID id = ids.next();
        String secret = WebhookSignature.newSecret();
        repository.insertEndpoint(id, tenantId, environment, valid, secret, version, clock.instant());
        audit.record(
                "webhook_endpoint.added",
                tenantId,
                actor,
                null,
                null,
                Map.of("endpoint_id", id.toString(), "environment", environment.value()));
        return new WithSecret(repository.endpoint(id).orElseThrow(), secret);
    }

    @Transactional
    public List<WebhookEndpointEntity> list(UUID tenantId) {
        tenants.find(tenantId).orElseThrow(() -> DomainException.notFound("tenant", tenantId));
        return repository.endpoints(tenantId);
    }

    @Transactional
    public void remove(UUID endpointId, String actor) {
        WebhookEndpointEntity endpoint = endpoint(endpointId);
        repository.remove(endpointId, clock.instant());
        audit.record(
                "webhook_endpoint.removed",
                endpoint.tenantId(),
                actor,
                null,
                null,
                Map.of("endpoint_id", endpointId.toString()));
    }

    /** A new secret signs from now on; the previous one keeps signing too until it expires. */
    @Transactional
    public WithSecret rotateSecret(UUID endpointId, Duration previousValidFor, String actor) {
        WebhookEndpointEntity endpoint = endpoint(endpointId);
        if (previousValidFor.isNegative() || previousValidFor.compareTo(MAX_PREVIOUS_VALID_FOR) > 0) {
            throw DomainException.invalid(
                    "previous_valid_for",
                    DomainException.Violation.OUT_OF_RANGE,
                    Map.of(
                            "value",
                            previousValidFor.toString(),
                            "min",
                            Duration.ZERO.toString(),
                            "max",
                            MAX_PREVIOUS_VALID_FOR.toString(),
                            "max_days",
                            MAX_PREVIOUS_VALID_FOR.toDays()));
        }
        String secret = WebhookSignature.newSecret();
        Instant now = clock.instant();
        repository.rotate(endpointId, secret, now.plus(previousValidFor), now);
        audit.record(
                "webhook_endpoint.secret_rotated",
                endpoint.tenantId(),
                actor,
                null,
                null,
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
        WebhookDeliveryEntity original =
                repository.delivery(deliveryId).orElseThrow(() -> DomainException.notFound("delivery", deliveryId));
        WebhookEndpointEntity endpoint = endpoint(original.endpointId());
        if (endpoint.status() != WebhookEndpointEntity.Status.ENABLED) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("id", endpoint.id());
            facts.put("status", endpoint.status().value());
            if (endpoint.disabledReason() != null) {
                facts.put("reason", endpoint.disabledReason());
            }
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "webhook_endpoint_not_enabled",
                    "endpoint_id",
                    null,
                    facts,
                    "endpoint " + endpoint.id() + " is " + endpoint.status().value());
        }
        UUID id = ids.next();
        repository.insertDelivery(id, original.event().id(), original.endpointId(), clock.instant());
        return repository.delivery(id).orElseThrow();
    }

    /**
     * Writes the event of a finished run and one delivery per enabled endpoint, if it has any. Called inside the
     * transaction that finishes the run, so the event exists exactly when the result does.
     */
    @Override
    public void runFinished(RunEntity run) {
        runsFinished(List.of(run));
    }

    /**
     * The events of runs finished together, with their deliveries, in two batches: the enabled
     * endpoints are read once per tenant and environment. A run whose tenant has no enabled endpoint in
     * its environment has no event: endpoints receive the events of runs finished after they were added.
     */
    @Override
    public void runsFinished(List<RunEntity> runs) {
        if (runs.isEmpty()) {
            return;
        }
        Map<TenantScope, List<UUID>> endpoints = new LinkedHashMap<>();
        List<WebhookRepository.NewEvent> events = new ArrayList<>();
        List<WebhookRepository.NewDelivery> deliveries = new ArrayList<>();
        Instant now = clock.instant();
        for (RunEntity run : runs) {
            TenantScope scope = run.scope();
            List<UUID> to =
                    endpoints.computeIfAbsent(scope, s -> repository.enabledEndpointIds(s.tenantId(), s.environment()));
            if (to.isEmpty()) {
                // No endpoint to send it to: an event is only ever read through its deliveries, so none is written.
                continue;
            }
            UUID eventId = ids.next();
            String type = "run." + run.status().value();
            events.add(new WebhookRepository.NewEvent(
                    eventId, scope, type, run.id(), payload(eventId, type, run, now), now));
            for (UUID endpoint : to) {
                deliveries.add(new WebhookRepository.NewDelivery(ids.next(), eventId, endpoint, now));
            }
        }
        repository.insertEvents(events);
        repository.insertDeliveries(deliveries);
    }

    /** What a run-finished event says: no personal document, ever. */
    private String payload(UUID eventId, String type, RunEntity run, Instant now) {
        RunEntity.Result result = run.result();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_id", run.id().toString());
        data.put("external_id", run.request().externalId());
        data.put("status", run.status().value());
        data.put(
                "decision", result.decision() == null ? null : result.decision().value());
        data.put("completeness", result.completeness().value());
        data.put("compliance_alert", result.complianceAlert());
        data.put(
                "template",
                Map.of(
                        "id",
                        run.request().templateId().toString(),
                        "version",
                        run.request().templateVersion()));
        data.put("created_at", run.times().createdAt().toString());
        data.put(
                "completed_at",
                run.times().completedAt() == null
                        ? null
                        : run.times().completedAt().toString());
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
        return repository.endpoint(id).orElseThrow(() -> DomainException.notFound("webhook_endpoint", id));
    }

    private static String validUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.strip());
        } catch (IllegalArgumentException e) {
            throw invalidUrl();
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getHost() == null) {
            throw invalidUrl();
        }
        if (uri.getUserInfo() != null) {
            throw DomainException.invalid(
                    "url",
                    DomainException.Violation.NOT_ALLOWED,
                    Map.of("value", "user info", "reason", "a webhook URL must not carry credentials"));
        }
        return uri.toString();
    }

    private static DomainException invalidUrl() {
        return DomainException.invalid(
                "url", DomainException.Violation.INVALID_FORMAT, Map.of("expected", "an http(s) URL with a host"));
    }
}

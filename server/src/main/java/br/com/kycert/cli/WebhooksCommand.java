package br.com.kycert.cli;

import br.com.kycert.shared.Environment;
import br.com.kycert.webhooks.WebhookDeliveryEntity;
import br.com.kycert.webhooks.WebhookEndpointEntity;
import br.com.kycert.webhooks.WebhookService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "webhooks",
        description = "Manage webhook endpoints and their deliveries.",
        subcommands = {
            WebhooksCommand.Add.class,
            WebhooksCommand.ListEndpoints.class,
            WebhooksCommand.Remove.class,
            WebhooksCommand.RotateSecret.class,
            WebhooksCommand.Enable.class,
            WebhooksCommand.Deliveries.class,
            WebhooksCommand.Redeliver.class
        })
final class WebhooksCommand {

    static Map<String, Object> row(WebhookEndpointEntity e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", e.id().toString());
        row.put("tenant_id", e.tenantId().toString());
        row.put("environment", e.scope().environment().value());
        row.put("url", e.url());
        row.put("status", e.status().value());
        row.put("disabled_reason", e.disabledReason());
        row.put("consecutive_failures", e.consecutiveFailures());
        row.put("rotating", e.rotating());
        row.put("api_version", e.apiVersion());
        row.put("created_at", str(e.createdAt()));
        return row;
    }

    static Map<String, Object> row(WebhookDeliveryEntity d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", d.id().toString());
        row.put("event_id", "evt_" + d.event().id().toString().replace("-", ""));
        row.put("type", d.event().type());
        row.put("status", d.status().value());
        row.put("attempts", d.attempts());
        row.put("last_status", d.last().status());
        row.put("last_error", d.last().error());
        row.put("last_attempt_at", str(d.last().at()));
        row.put(
                "next_attempt_at",
                d.status() == WebhookDeliveryEntity.Status.PENDING
                        ? str(d.schedule().nextAttemptAt())
                        : null);
        row.put("delivered_at", str(d.schedule().deliveredAt()));
        row.put("created_at", str(d.schedule().createdAt()));
        return row;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Map<String, Object> withSecret(WebhookService.WithSecret created) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", created.endpoint().id().toString());
        row.put("secret", created.secret());
        row.putAll(row(created.endpoint()));
        return row;
    }

    @Command(name = "add", description = "Add an endpoint; prints its id and signing secret (shown this once).")
    static final class Add implements Runnable {
        @Inject
        WebhookService webhooks;

        @Inject
        Output output;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(
                names = "--env",
                required = true,
                description = "${COMPLETION-CANDIDATES}",
                converter = EnvironmentConverter.class,
                completionCandidates = Candidates.Environments.class)
        Environment env;

        @Option(names = "--url", required = true)
        String url;

        @Option(
                names = "--api-version",
                paramLabel = "DATE",
                description = "The API version its events are rendered in (default: the latest).")
        String apiVersion;

        @Option(names = "--actor", description = "Who adds it (audit log).")
        String actor;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.one(json, withSecret(webhooks.add(tenantId, env, url, apiVersion, Actor.current(actor))));
        }
    }

    @Command(name = "list", description = "List a tenant's endpoints (never their secrets).")
    static final class ListEndpoints implements Runnable {
        @Inject
        WebhookService webhooks;

        @Inject
        Output output;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.many(
                    json,
                    webhooks.list(tenantId).stream().map(WebhooksCommand::row).toList());
        }
    }

    @Command(name = "remove", description = "Remove an endpoint; its pending deliveries are cancelled.")
    static final class Remove implements Runnable {
        @Inject
        WebhookService webhooks;

        @Inject
        Output output;

        @Parameters(paramLabel = "ENDPOINT_ID")
        UUID endpointId;

        @Option(names = "--actor", description = "Who removes it (audit log).")
        String actor;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            webhooks.remove(endpointId, Actor.current(actor));
            output.one(json, Map.of("id", endpointId.toString(), "status", "removed"));
        }
    }

    @Command(
            name = "rotate-secret",
            description = "New signing secret (shown once); the previous one also signs until it expires.")
    static final class RotateSecret implements Runnable {
        @Inject
        WebhookService webhooks;

        @Inject
        Output output;

        @Parameters(paramLabel = "ENDPOINT_ID")
        UUID endpointId;

        @Option(
                names = "--previous-valid-for",
                description = "How long the old secret keeps signing (ISO-8601, default PT24H).")
        Duration previousValidFor = Duration.ofHours(24);

        @Option(names = "--actor", description = "Who rotates it (audit log).")
        String actor;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.one(json, withSecret(webhooks.rotateSecret(endpointId, previousValidFor, Actor.current(actor))));
        }
    }

    @Command(name = "enable", description = "Enable an endpoint that was disabled after sustained failure.")
    static final class Enable implements Runnable {
        @Inject
        WebhookService webhooks;

        @Inject
        Output output;

        @Parameters(paramLabel = "ENDPOINT_ID")
        UUID endpointId;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.one(json, row(webhooks.enable(endpointId)));
        }
    }

    @Command(name = "deliveries", description = "The delivery log of an endpoint, newest first.")
    static final class Deliveries implements Runnable {
        @Inject
        WebhookService webhooks;

        @Inject
        Output output;

        @Parameters(paramLabel = "ENDPOINT_ID")
        UUID endpointId;

        @Option(names = "--limit", description = "How many (default 50).")
        int limit = 50;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.many(
                    json,
                    webhooks.deliveries(endpointId, limit).stream()
                            .map(WebhooksCommand::row)
                            .toList());
        }
    }

    @Command(name = "redeliver", description = "Send a delivery's event again (same event id), now.")
    static final class Redeliver implements Runnable {
        @Inject
        WebhookService webhooks;

        @Inject
        Output output;

        @Parameters(paramLabel = "DELIVERY_ID")
        UUID deliveryId;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.one(json, row(webhooks.redeliver(deliveryId)));
        }
    }
}

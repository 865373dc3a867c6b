package br.com.kycert.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.shared.Environment;
import br.com.kycert.support.Await;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Receiver;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Webhooks against a real local HTTP receiver: signed, retried, never lost, never leaking a document. */
class WebhooksIT {

    static final JsonMapper JSON = JsonMapper.createDefault();
    static final Map<String, Object> FAST = Map.of(
            "kycert.worker.enabled", true,
            "kycert.worker.poll-interval", "50ms",
            "kycert.webhooks.poll-interval", "50ms",
            "kycert.webhooks.retry-base", "200ms",
            "kycert.webhooks.timeout", "2s");

    @Test
    void aFinishedRunIsDeliveredSignedWithNoDocument() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                TestServer server = TestServer.start(db, FAST);
                Receiver receiver = Receiver.start(0)) {
            Fixtures fx = new Fixtures(server, db);
            Fixtures.Tenant tenant = fx.tenant("Hooks");
            Fixtures.Key key = fx.key(tenant, "runs:write");
            WebhookService webhooks = server.bean(WebhookService.class);
            var endpoint = webhooks.add(tenant.id(), Environment.SANDBOX, receiver.url(), "test");
            var liveEndpoint = webhooks.add(tenant.id(), Environment.LIVE, receiver.url() + "/live", "test");

            UUID reviewed = fx.run(key, tenant.pfTemplate(), "pf", "900.000.002-56");
            UUID failed = fx.run(key, tenant.pfTemplate(), "pf", "900.000.008-41");
            await(() -> receiver.received().size() >= 2);

            for (Receiver.Received hook : receiver.received()) {
                assertThat(hook.header("Content-Type")).isEqualTo("application/json");
                String signature = hook.header("kycert-signature");
                assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
                long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
                assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(60);
                assertThat(signature.substring(signature.indexOf("v1=") + 3))
                        .isEqualTo(WebhookSignature.v1(endpoint.secret(), t, hook.body()));
                assertThat(hook.body()).doesNotContain("90000000256", "900.000.002-56", "90000000841", "Fulano");
                assertThat(hook.header("kycert-event-id"))
                        .isEqualTo(json(hook.body()).get("id").getStringValue());
            }
            JsonNode completed = event(receiver, reviewed);
            assertThat(completed.get("type").getStringValue()).isEqualTo("run.completed");
            assertThat(completed.get("id").getStringValue()).matches("evt_[0-9a-f]{32}");
            assertThat(completed.get("environment").getStringValue()).isEqualTo("sandbox");
            assertThat(completed.get("data").get("decision").getStringValue()).isEqualTo("review");
            assertThat(completed.get("data").get("external_id").getStringValue())
                    .isEqualTo("cust_1");
            assertThat(completed.get("data").get("completeness").getStringValue())
                    .isEqualTo("full");
            JsonNode failure = event(receiver, failed);
            assertThat(failure.get("type").getStringValue()).isEqualTo("run.failed");
            assertThat(failure.get("data").get("decision").isNull()).isTrue();

            // Sandbox events never reach a live endpoint.
            assertThat(webhooks.deliveries(liveEndpoint.endpoint().id(), 10)).isEmpty();
            await(() -> webhooks.deliveries(endpoint.endpoint().id(), 10).stream()
                    .allMatch(d -> d.status().value().equals("succeeded")));
            List<WebhookDeliveryEntity> log =
                    webhooks.deliveries(endpoint.endpoint().id(), 10);
            assertThat(log)
                    .hasSize(2)
                    .allMatch(
                            d -> d.status().value().equals("succeeded") && d.attempts() == 1 && d.lastStatus() == 200);

            // Redelivery on demand sends the same event (same id) again.
            WebhookDeliveryEntity again = webhooks.redeliver(log.get(0).id());
            assertThat(again.status().value()).isEqualTo("pending");
            await(() -> receiver.received().size() >= 3);
            Set<String> ids = new HashSet<>();
            receiver.received().forEach(r -> ids.add(r.header("kycert-event-id")));
            assertThat(ids).hasSize(2);
        }
    }

    @Test
    void runsFinishedWithoutAnEnabledEndpointInTheirEnvironmentHaveNoEvent() {
        try (TestDatabase db = TestDatabase.create();
                TestServer server = TestServer.start(db, FAST);
                Receiver receiver = Receiver.start(0)) {
            Fixtures fx = new Fixtures(server, db);
            Fixtures.Tenant tenant = fx.tenant("Events need an endpoint");
            Fixtures.Key key = fx.key(tenant, "runs:write");
            WebhookService webhooks = server.bean(WebhookService.class);
            webhooks.add(tenant.id(), Environment.LIVE, receiver.url() + "/live", "test");

            UUID before = fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
            await(() -> fx.count("select count(*) from runs where id = ? and status = 'completed'", before) == 1);
            assertThat(fx.count("select count(*) from webhook_events where run_id = ?", before))
                    .as("a sandbox run, and only a live endpoint")
                    .isZero();

            webhooks.add(tenant.id(), Environment.SANDBOX, receiver.url() + "/sandbox", "test");
            UUID after = fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
            await(() -> receiver.received().size() == 1);
            assertThat(receiver.received().get(0).path()).isEqualTo("/hooks/kycert/sandbox");
            assertThat(json(receiver.received().get(0).body())
                            .get("data")
                            .get("run_id")
                            .getStringValue())
                    .isEqualTo(after.toString());
            assertThat(fx.count("select count(*) from webhook_events where run_id = ?", after))
                    .isEqualTo(1);
            assertThat(fx.count("select count(*) from webhook_events where tenant_id = ?", tenant.id()))
                    .isEqualTo(1);
        }
    }

    @Test
    void eachEndpointGetsTheEventRenderedAndSignedInTheVersionItWasPinnedTo() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                TestServer server = TestServer.start(db, FAST);
                Receiver receiver = Receiver.start(0)) {
            Fixtures fx = new Fixtures(server, db);
            Fixtures.Tenant tenant = fx.tenant("Pinned hooks");
            Fixtures.Key key = fx.key(tenant, "runs:write");
            WebhookService webhooks = server.bean(WebhookService.class);
            var latest = webhooks.add(tenant.id(), Environment.SANDBOX, receiver.url() + "/latest", "test");
            var old = webhooks.add(tenant.id(), Environment.SANDBOX, receiver.url() + "/old", "2026-06-03", "test");
            assertThat(latest.endpoint().apiVersion()).isEqualTo("2026-12-01");
            assertThat(old.endpoint().apiVersion()).isEqualTo("2026-06-03");

            UUID run = fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
            await(() -> receiver.received().size() >= 2);

            Map<String, String> versionByPath = new HashMap<>();
            for (Receiver.Received hook : receiver.received()) {
                JsonNode event = json(hook.body());
                assertThat(event.get("data").get("run_id").getStringValue()).isEqualTo(run.toString());
                String secret = hook.path().endsWith("/old") ? old.secret() : latest.secret();
                String signature = hook.header("kycert-signature");
                long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
                assertThat(signature.substring(signature.indexOf("v1=") + 3))
                        .as("the signature covers the body as rendered for this endpoint")
                        .isEqualTo(WebhookSignature.v1(secret, t, hook.body()));
                versionByPath.put(hook.path(), event.get("api_version").getStringValue());
            }
            assertThat(versionByPath)
                    .containsEntry("/hooks/kycert/latest", "2026-12-01")
                    .containsEntry("/hooks/kycert/old", "2026-06-03");
            try (var connection = db.connect();
                    var statement =
                            connection.prepareStatement("select api_version from webhook_endpoints where id = ?")) {
                statement.setObject(1, old.endpoint().id());
                try (var rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("2026-06-03");
                }
            }
        }
    }

    @Test
    void aReceiverThatIsDownAndComesBackGetsTheEventOnRetry() throws Exception {
        int port = Receiver.freePort();
        try (TestDatabase db = TestDatabase.create();
                TestServer server = TestServer.start(db, FAST)) {
            Fixtures fx = new Fixtures(server, db);
            Fixtures.Tenant tenant = fx.tenant("Down");
            Fixtures.Key key = fx.key(tenant, "runs:write");
            WebhookService webhooks = server.bean(WebhookService.class);
            var endpoint =
                    webhooks.add(tenant.id(), Environment.SANDBOX, "http://127.0.0.1:" + port + "/hooks/kycert", "t");
            UUID run = fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
            await(() ->
                    webhooks.deliveries(endpoint.endpoint().id(), 1).stream().anyMatch(d -> d.attempts() >= 2));
            WebhookDeliveryEntity failing =
                    webhooks.deliveries(endpoint.endpoint().id(), 1).get(0);
            assertThat(failing.status().value()).isEqualTo("pending");
            assertThat(failing.last().error()).startsWith("connection failed");

            try (Receiver receiver = Receiver.start(port)) {
                await(() -> !receiver.received().isEmpty());
                assertThat(event(receiver, run).get("type").getStringValue()).isEqualTo("run.completed");
                await(() -> webhooks.deliveries(endpoint.endpoint().id(), 1)
                        .get(0)
                        .status()
                        .value()
                        .equals("succeeded"));
            }
        }
    }

    @Test
    void aServerRestartedDuringRetriesStillDeliversAndLosesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                Receiver receiver = Receiver.start(0)) {
            receiver.answer(503);
            UUID[] runs = new UUID[3];
            UUID endpointId;
            try (TestServer first = TestServer.start(db, FAST)) {
                Fixtures fx = new Fixtures(first, db);
                Fixtures.Tenant tenant = fx.tenant("Restart");
                Fixtures.Key key = fx.key(tenant, "runs:write");
                endpointId = first.bean(WebhookService.class)
                        .add(tenant.id(), Environment.SANDBOX, receiver.url(), "t")
                        .endpoint()
                        .id();
                for (int i = 0; i < runs.length; i++) {
                    runs[i] = fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
                }
                // Every run's event refused at least once before the restart (not just one event three times).
                await(() -> java.util.Arrays.stream(runs)
                        .allMatch(run -> receiver.received().stream()
                                .anyMatch(r -> r.body().contains(run.toString()))));
            }
            int beforeRestart = receiver.received().size();
            receiver.answer(200);
            try (TestServer second = TestServer.start(db, FAST)) {
                WebhookService webhooks = second.bean(WebhookService.class);
                await(() -> webhooks.deliveries(endpointId, 10).stream()
                        .allMatch(d -> d.status().value().equals("succeeded")));
                List<WebhookDeliveryEntity> log = webhooks.deliveries(endpointId, 10);
                assertThat(log).hasSize(3);
                assertThat(log).allMatch(d -> d.attempts() >= 2);
            }
            assertThat(receiver.received().size()).isGreaterThan(beforeRestart);
            for (UUID run : runs) {
                assertThat(receiver.received())
                        .anyMatch(r -> r.body().contains(run.toString()) && r.header("kycert-signature") != null);
            }
        }
    }

    @Test
    void duringSecretRotationBothSecretsSign() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                TestServer server = TestServer.start(db, FAST);
                Receiver receiver = Receiver.start(0)) {
            Fixtures fx = new Fixtures(server, db);
            Fixtures.Tenant tenant = fx.tenant("Rotation");
            Fixtures.Key key = fx.key(tenant, "runs:write");
            WebhookService webhooks = server.bean(WebhookService.class);
            var original = webhooks.add(tenant.id(), Environment.SANDBOX, receiver.url(), "t");
            var rotated = webhooks.rotateSecret(original.endpoint().id(), Duration.ofHours(24), "t");
            assertThat(rotated.secret()).isNotEqualTo(original.secret()).startsWith("whsec_");
            fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
            await(() -> !receiver.received().isEmpty());
            Receiver.Received hook = receiver.received().get(0);
            String[] parts = hook.header("kycert-signature").split(",");
            assertThat(parts).hasSize(3);
            long t = Long.parseLong(parts[0].substring(2));
            assertThat(parts[1]).isEqualTo("v1=" + WebhookSignature.v1(rotated.secret(), t, hook.body()));
            assertThat(parts[2]).isEqualTo("v1=" + WebhookSignature.v1(original.secret(), t, hook.body()));

            // Once the previous secret expires, only the new one signs.
            webhooks.rotateSecret(original.endpoint().id(), Duration.ZERO, "t");
            fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
            await(() -> receiver.received().size() >= 2);
            assertThat(receiver.received().get(1).header("kycert-signature").split(","))
                    .hasSize(2);
        }
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledWithTheReasonVisible() throws Exception {
        Map<String, Object> props = new java.util.HashMap<>(FAST);
        props.put("kycert.webhooks.disable-after-failures", 3);
        props.put("kycert.webhooks.retry-base", "50ms");
        try (TestDatabase db = TestDatabase.create();
                TestServer server = TestServer.start(db, props);
                Receiver receiver = Receiver.start(0)) {
            receiver.answer(500);
            Fixtures fx = new Fixtures(server, db);
            Fixtures.Tenant tenant = fx.tenant("Failing");
            Fixtures.Key key = fx.key(tenant, "runs:write");
            WebhookService webhooks = server.bean(WebhookService.class);
            UUID endpoint = webhooks.add(tenant.id(), Environment.SANDBOX, receiver.url(), "t")
                    .endpoint()
                    .id();
            fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
            await(() -> webhooks.list(tenant.id()).get(0).status().value().equals("disabled"));
            WebhookEndpointEntity disabled = webhooks.list(tenant.id()).get(0);
            assertThat(disabled.disabledReason())
                    .contains("3 consecutive failed delivery attempts")
                    .contains("HTTP 500");
            await(() ->
                    !webhooks.deliveries(endpoint, 1).get(0).status().value().equals("pending"));
            assertThat(webhooks.deliveries(endpoint, 1).get(0).status().value()).isEqualTo("cancelled");

            receiver.answer(200);
            webhooks.enable(endpoint);
            webhooks.redeliver(webhooks.deliveries(endpoint, 1).get(0).id());
            await(() -> webhooks.deliveries(endpoint, 1).get(0).status().value().equals("succeeded"));
        }
    }

    private static JsonNode event(Receiver receiver, UUID run) {
        return receiver.received().stream()
                .map(r -> json(r.body()))
                .filter(e -> e.get("data").get("run_id").getStringValue().equals(run.toString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no event for run " + run));
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static void await(BooleanSupplier condition) {
        Await.until("the webhook condition", Duration.ofSeconds(30), condition);
    }
}

package br.com.kycert.credits;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.emulator.BureauEmulator;
import br.com.kycert.shared.Environment;
import br.com.kycert.sources.LiveConnectors;
import br.com.kycert.support.Await;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.LogCapture;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import br.com.kycert.templates.TemplateService;
import io.micronaut.json.tree.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live runs against the bureau emulator over real sockets, and the credits they reserve and settle. */
class LiveRunsIT {

    static final String CREDENTIAL = "emulator-credential-7f3a9c";
    static TestDatabase db;
    static BureauEmulator emulator;
    static TestServer server;
    static Http http;
    static Fixtures fx;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        emulator = BureauEmulator.start(0, CREDENTIAL);
        Map<String, Object> props = new HashMap<>();
        props.put("kycert.worker.enabled", true);
        props.put("kycert.worker.poll-interval", "30ms");
        props.put("kycert.live.enabled", true);
        props.put("kycert.live.base-url", emulator.baseUrl());
        props.put("kycert.live.credential", CREDENTIAL);
        props.put("kycert.live.timeout", "1s");
        props.put("kycert.live.retries", 2);
        props.put("kycert.live.retry-backoff", "20ms");
        props.put("kycert.live.circuit.failure-threshold", 3);
        props.put("kycert.live.circuit.open-for", "1s");
        server = TestServer.start(db, props);
        http = server.http();
        fx = new Fixtures(server, db);
    }

    @AfterAll
    static void stop() {
        server.close();
        emulator.close();
        db.close();
    }

    @BeforeEach
    void resetEmulator() {
        emulator.reset();
    }

    record Live(Fixtures.Tenant tenant, Fixtures.Key key) {}

    static Live tenantWithCredits(long credits) {
        Fixtures.Tenant tenant = fx.tenantWithoutCredits("Live " + UUID.randomUUID());
        if (credits > 0) {
            server.bean(CreditService.class).grant(tenant.id(), credits, "test");
        }
        return new Live(tenant, fx.key(tenant, Environment.LIVE, null, "runs:write", "runs:read"));
    }

    static JsonNode awaitFinished(Live live, UUID run) {
        return Await.until(
                "run " + run + " to finish",
                Duration.ofSeconds(20),
                () -> http.get(
                                "/api/v1/bureau/runs/" + run,
                                "X-API-Key",
                                live.key().secret())
                        .json(),
                body -> List.of("completed", "failed")
                        .contains(body.get("status").getStringValue()));
    }

    static long balance(Live live) {
        return server.bean(CreditService.class).balance(live.tenant().id());
    }

    @Test
    void aLiveRunAgainstTheEmulatorCompletesAndIsChargedWhatItUsed() {
        Live live = tenantWithCredits(100);
        UUID run = fx.run(live.key(), live.tenant().pfTemplate(), "pf", "900.000.002-56");
        assertThat(balance(live)).isEqualTo(91);
        JsonNode done = awaitFinished(live, run);
        assertThat(done.get("decision").getStringValue()).isEqualTo("review");
        assertThat(done.get("completeness").getStringValue()).isEqualTo("full");
        assertThat(done.get("credits").get("charged").getLongValue()).isEqualTo(9);
        assertThat(balance(live)).isEqualTo(91);
        for (String source : List.of("receita_cpf", "pep", "sanctions", "ceis_cnep", "lawsuits")) {
            assertThat(emulator.calls(source)).as(source).isEqualTo(1);
        }
        assertThat(fx.count(
                        "select count(*) from run_sources where run_id = ? and status = 'succeeded' and attempts = 1",
                        run))
                .isEqualTo(5);
        assertThat(fx.count("select count(*) from credit_ledger where run_id = ? and kind = 'settle'", run))
                .isEqualTo(5);
    }

    @Test
    void aSlowSourceEndsTimedOutAndThePartialRunGoesToReview() {
        Live live = tenantWithCredits(100);
        UUID template = server.bean(TemplateService.class)
                .create(live.tenant().id(), "PF fast", "pf", null, List.of(), 500)
                .id();
        emulator.behave("lawsuits", 200, 3_000, -1);
        UUID run = fx.run(live.key(), template, "pf", "900.000.001-75");
        JsonNode done = awaitFinished(live, run);
        assertThat(done.get("status").getStringValue()).isEqualTo("completed");
        assertThat(done.get("decision").getStringValue()).isEqualTo("review");
        assertThat(done.get("completeness").getStringValue()).isEqualTo("partial");
        assertThat(done.get("reasons").get(0).get("code").getStringValue()).isEqualTo("source_unavailable");
        assertThat(fx.count(
                        "select count(*) from run_sources where run_id = ? and source = 'lawsuits' and status = 'timed_out'",
                        run))
                .isEqualTo(1);
        // The timed-out source is refunded: 9 reserved, 6 charged.
        assertThat(done.get("credits").get("charged").getLongValue()).isEqualTo(6);
        assertThat(balance(live)).isEqualTo(94);
    }

    @Test
    void aSourceAnswering500IsRetriedThenMarkedFailed() {
        Live live = tenantWithCredits(100);
        emulator.behave("sanctions", 500, 0, -1);
        UUID run = fx.run(live.key(), live.tenant().pfTemplate(), "pf", "900.000.001-75");
        JsonNode done = awaitFinished(live, run);
        assertThat(done.get("decision").getStringValue()).isEqualTo("review");
        assertThat(done.get("completeness").getStringValue()).isEqualTo("partial");
        assertThat(emulator.calls("sanctions")).isEqualTo(3);
        assertThat(fx.count(
                        "select count(*) from run_sources where run_id = ? and source = 'sanctions'"
                                + " and status = 'failed' and attempts = 3 and error like '%HTTP 500%'",
                        run))
                .isEqualTo(1);
        assertThat(done.get("credits").get("charged").getLongValue()).isEqualTo(7);
    }

    @Test
    void aCircuitOpensAfterRepeatedFailuresAndClosesAgain() {
        Live live = tenantWithCredits(1_000);
        UUID template = server.bean(TemplateService.class)
                .create(live.tenant().id(), "PEP only", "pf", List.of("pep"), List.of(), 2_000)
                .id();
        LiveConnectors connectors = server.bean(LiveConnectors.class);
        emulator.behave("pep", 503, 0, -1);
        for (int i = 0; i < 3; i++) {
            awaitFinished(live, fx.run(live.key(), template, "pf", "900.000.001-75"));
        }
        assertThat(connectors.circuitState("pep")).hasValue("open");
        int callsWhileClosed = emulator.calls("pep");
        UUID shortCircuited = fx.run(live.key(), template, "pf", "900.000.001-75");
        JsonNode failed = awaitFinished(live, shortCircuited);
        assertThat(failed.get("status").getStringValue()).isEqualTo("failed");
        assertThat(emulator.calls("pep"))
                .as("an open circuit does not call the source")
                .isEqualTo(callsWhileClosed);
        assertThat(fx.count(
                        "select count(*) from run_sources where run_id = ? and error like '%circuit open%'",
                        shortCircuited))
                .isEqualTo(1);

        emulator.reset();
        sleep(1_100);
        JsonNode recovered = awaitFinished(live, fx.run(live.key(), template, "pf", "900.000.001-75"));
        assertThat(recovered.get("decision").getStringValue()).isEqualTo("approved");
        assertThat(connectors.circuitState("pep")).hasValue("closed");
        assertThat(emulator.calls("pep")).isEqualTo(1);
    }

    @Test
    void aFailedRunIsRefunded() {
        Live live = tenantWithCredits(50);
        UUID run = fx.run(live.key(), live.tenant().pfTemplate(), "pf", "900.000.008-41");
        assertThat(balance(live)).isEqualTo(41);
        JsonNode done = awaitFinished(live, run);
        assertThat(done.get("status").getStringValue()).isEqualTo("failed");
        assertThat(done.get("credits").get("charged").getLongValue()).isZero();
        assertThat(balance(live)).isEqualTo(50);
        assertThat(fx.count(
                        "select count(*) from credit_ledger where run_id = ? and kind = 'release' and amount = 9", run))
                .isEqualTo(1);
    }

    @Test
    void withoutCreditsALiveRunIs402AndNothingIsCreated() {
        Live live = tenantWithCredits(5);
        var r = http.post(
                "/api/v1/bureau/runs",
                Fixtures.createBody(live.tenant().pfTemplate(), "pf", "900.000.001-75"),
                "X-API-Key",
                live.key().secret());
        assertThat(r.status()).isEqualTo(402);
        assertThat(r.code()).isEqualTo("insufficient_credits");
        assertThat(r.json().get("required").getLongValue()).isEqualTo(9);
        assertThat(r.json().get("remaining").getLongValue()).isEqualTo(5);
        assertThat(fx.count(
                        "select count(*) from runs where tenant_id = ?",
                        live.tenant().id()))
                .isZero();
        assertThat(balance(live)).isEqualTo(5);
        // The sandbox never needs credits.
        Fixtures.Key sandbox = fx.key(live.tenant(), "runs:write");
        assertThat(http.post(
                                "/api/v1/bureau/runs",
                                Fixtures.createBody(live.tenant().pfTemplate(), "pf", "900.000.001-75"),
                                "X-API-Key",
                                sandbox.secret())
                        .status())
                .isEqualTo(201);
        assertThat(balance(live)).isEqualTo(5);
    }

    @Test
    void fiftyConcurrentLiveCreationsWithCreditsForTwentyAcceptExactlyTwenty() throws Exception {
        // No worker on this node: settlement must not free credits during the race.
        try (TestServer idle = TestServer.start(db)) {
            Fixtures.Tenant tenant = fx.tenantWithoutCredits("Race");
            server.bean(CreditService.class).grant(tenant.id(), 9 * 20, "test");
            Fixtures.Key key = fx.key(tenant, Environment.LIVE, null, "runs:write");
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Http.Response>> results = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    results.add(pool.submit(() -> idle.http()
                            .post(
                                    "/api/v1/bureau/runs",
                                    Fixtures.createBody(tenant.pfTemplate(), "pf", "900.000.001-75"),
                                    "X-API-Key",
                                    key.secret())));
                }
                int created = 0;
                int refused = 0;
                for (Future<Http.Response> f : results) {
                    Http.Response r = f.get();
                    if (r.status() == 201) {
                        created++;
                    } else {
                        assertThat(r.status()).as(r.body()).isEqualTo(402);
                        assertThat(r.json().get("remaining").getLongValue()).isBetween(0L, 8L);
                        refused++;
                    }
                }
                assertThat(created).isEqualTo(20);
                assertThat(refused).isEqualTo(30);
            } finally {
                pool.shutdownNow();
            }
            assertThat(server.bean(CreditService.class).balance(tenant.id())).isZero();
            assertThat(fx.count(
                            "select count(*) from credit_ledger where tenant_id = ? and balance_after < 0",
                            tenant.id()))
                    .isZero();
            assertThat(fx.count(
                            "select count(*) from credit_ledger where tenant_id = ? and kind = 'reserve'", tenant.id()))
                    .isEqualTo(20);
        }
    }

    @Test
    void noCredentialAndNoDocumentReachTheLogs() {
        try (LogCapture logs = LogCapture.begin()) {
            Live live = tenantWithCredits(100);
            emulator.behave("pep", 500, 0, 1);
            awaitFinished(live, fx.run(live.key(), live.tenant().pfTemplate(), "pf", "900.000.003-37"));
            String text = logs.text();
            assertThat(text).isNotEmpty();
            assertThat(text)
                    .doesNotContain(
                            CREDENTIAL,
                            "90000000337",
                            "900.000.003-37",
                            live.key().secret());
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

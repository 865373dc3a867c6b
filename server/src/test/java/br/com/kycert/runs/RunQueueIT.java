package br.com.kycert.runs;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.rules.Outcome;
import br.com.kycert.shared.Environment;
import br.com.kycert.support.Await;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Receiver;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import br.com.kycert.webhooks.WebhookService;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The queue: crashed workers lose nothing, several nodes never process a run twice. */
class RunQueueIT {

    @Test
    void aRunWhoseWorkerDiedIsTakenAgainAfterItsLeaseAndCompletesOnce() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                TestServer idle = TestServer.start(db)) {
            Fixtures fx = new Fixtures(idle, db);
            Fixtures.Tenant tenant = fx.tenant("Crash");
            Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read");
            UUID run = fx.run(key, tenant.pfTemplate(), "pf", "900.000.002-56");

            // A worker claims the run and dies in the middle of it: its lease is all that is left.
            RunRepository runs = idle.bean(RunRepository.class);
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> tx = idle.bean(TransactionOperations.class);
            List<RunRepository.Claimed> claimed = tx.executeWrite(
                    s -> runs.claim(List.of(Environment.SANDBOX), "worker-that-dies", Duration.ofMillis(300), 10));
            assertThat(claimed).hasSize(1);
            assertThat(claimed.get(0).run().id()).isEqualTo(run);
            assertThat(claimed.get(0).checks()).hasSize(5);
            assertThat(status(fx, run)).isEqualTo("running");
            // While the lease holds, nobody else may take the run.
            List<RunRepository.Claimed> other = tx.executeWrite(
                    s -> runs.claim(List.of(Environment.SANDBOX), "another", Duration.ofSeconds(30), 10));
            assertThat(other).isEmpty();

            Thread.sleep(400);
            try (TestServer worker = TestServer.start(
                    db, Map.of("kycert.worker.enabled", true, "kycert.worker.poll-interval", "50ms"))) {
                awaitStatus(fx, run, "completed");
            }
            assertThat(fx.count("select attempts from runs where id = ?", run)).isEqualTo(2);
            assertThat(fx.count(
                            "select count(*) from run_sources where run_id = ? and attempts = 1 and status = 'succeeded'",
                            run))
                    .isEqualTo(5);
            assertThat(fx.count("select count(*) from runs where id = ? and decision = 'review'", run))
                    .isEqualTo(1);

            // The dead worker wakes up late: its result is refused, nothing is written twice.
            RunEntity late = claimed.get(0)
                    .run()
                    .completed(
                            new RunEntity.Result(
                                    Outcome.APPROVED, RunEntity.Completeness.FULL, false, List.of(), List.of()),
                            0,
                            Instant.now());
            List<RunRepository.Finished> accepted = tx.executeWrite(
                    s -> runs.complete(List.of(new RunRepository.Finished(late, List.of())), "worker-that-dies"));
            assertThat(accepted).isEmpty();
            assertThat(fx.count("select count(*) from runs where id = ? and decision = 'review'", run))
                    .isEqualTo(1);
        }
    }

    /**
     * A claim takes at most its limit, whatever plan PostgreSQL picks. With the planner steered to a nested-loop semi
     * join (as stale statistics can), the old `where id in (select … limit ? for update skip locked)` rescanned its
     * subquery and claimed all 30 queued runs for a limit of 5; a worker then stopped for good on a negative permit
     * release.
     */
    @Test
    void aClaimTakesNoMoreThanItsLimitWhateverThePlan() {
        try (TestDatabase db = TestDatabase.create();
                TestServer idle = TestServer.start(db)) {
            Fixtures fx = new Fixtures(idle, db);
            Fixtures.Tenant tenant = fx.tenant("Claim limit");
            Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read");
            for (int i = 0; i < 30; i++) {
                fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
            }
            fx.sql("analyze runs");
            RunRepository runs = idle.bean(RunRepository.class);
            br.com.kycert.shared.jdbc.Sql sql = idle.bean(br.com.kycert.shared.jdbc.Sql.class);
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> tx = idle.bean(TransactionOperations.class);
            List<RunRepository.Claimed> claimed = tx.executeWrite(s -> {
                for (String off : List.of("hashagg", "hashjoin", "mergejoin", "material", "sort")) {
                    sql.update("set local enable_" + off + " = off", statement -> {});
                }
                return runs.claim(List.of(Environment.SANDBOX), "steered", Duration.ofSeconds(30), 5);
            });
            assertThat(claimed).hasSize(5);
            assertThat(fx.count("select count(*) from runs where status = 'running' and lease_owner = 'steered'"))
                    .isEqualTo(5);
            assertThat(fx.count("select count(*) from runs where status = 'queued'"))
                    .isEqualTo(25);
        }
    }

    @Test
    void aBatchClaimTakesTheOldestRunsOnceAndASettlementWritesOnlyTheRunsWhoseLeaseItStillHolds() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                TestServer idle = TestServer.start(db)) {
            Fixtures fx = new Fixtures(idle, db);
            Fixtures.Tenant tenant = fx.tenant("Batches");
            Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read");
            List<UUID> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                created.add(fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75"));
            }
            RunRepository runs = idle.bean(RunRepository.class);
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> tx = idle.bean(TransactionOperations.class);

            List<RunRepository.Claimed> first = tx.executeWrite(
                    s -> runs.claim(List.of(Environment.SANDBOX), "short-lease", Duration.ofMillis(300), 3));
            assertThat(first).extracting(c -> c.run().id()).containsExactlyElementsOf(created.subList(0, 3));
            assertThat(first).allSatisfy(c -> {
                assertThat(c.attempts()).isEqualTo(1);
                assertThat(c.checks()).extracting(SourceCheckEntity::source).hasSize(5);
                // The default template keeps every rule's default grade: nothing stored.
                assertThat(c.grades()).isEmpty();
                assertThat(c.reserved()).isZero();
            });
            List<RunRepository.Claimed> rest = tx.executeWrite(
                    s -> runs.claim(List.of(Environment.SANDBOX), "long-lease", Duration.ofSeconds(30), 10));
            assertThat(rest).extracting(c -> c.run().id()).containsExactlyElementsOf(created.subList(3, 5));
            List<RunRepository.Claimed> none = tx.executeWrite(
                    s -> runs.claim(List.of(Environment.SANDBOX), "nobody", Duration.ofSeconds(30), 10));
            assertThat(none).isEmpty();

            // The short lease expires: another worker takes those three over, and only it may settle them.
            Thread.sleep(400);
            List<RunRepository.Claimed> takenOver = tx.executeWrite(
                    s -> runs.claim(List.of(Environment.SANDBOX), "successor", Duration.ofSeconds(30), 10));
            assertThat(takenOver).extracting(c -> c.run().id()).containsExactlyElementsOf(created.subList(0, 3));
            assertThat(takenOver).allSatisfy(c -> assertThat(c.attempts()).isEqualTo(2));

            List<RunRepository.Finished> late = first.stream()
                    .map(c -> new RunRepository.Finished(approved(c.run()), List.of()))
                    .toList();
            List<RunRepository.Finished> refused = tx.executeWrite(s -> runs.complete(late, "short-lease"));
            assertThat(refused).isEmpty();
            assertThat(fx.count("select count(*) from runs where status = 'completed'"))
                    .isZero();

            // One settlement holding two of its three runs: those two are written, the third is not.
            List<RunRepository.Finished> mixed = List.of(
                    new RunRepository.Finished(approved(takenOver.get(0).run()), List.of()),
                    new RunRepository.Finished(approved(rest.get(0).run()), List.of()),
                    new RunRepository.Finished(approved(takenOver.get(1).run()), List.of()));
            List<RunRepository.Finished> written = tx.executeWrite(s -> runs.complete(mixed, "successor"));
            assertThat(written).extracting(f -> f.run().id()).containsExactlyInAnyOrder(created.get(0), created.get(1));
            assertThat(fx.count("select count(*) from runs where status = 'completed' and lease_owner is null"))
                    .isEqualTo(2);
            assertThat(status(fx, created.get(3))).isEqualTo("running");
        }
    }

    @Test
    void aRunWaitingForASlowSourceDoesNotHoldBackTheRunsClaimedWithIt() {
        try (TestDatabase db = TestDatabase.create();
                Receiver receiver = Receiver.start(0);
                TestServer node = TestServer.start(
                        db,
                        Map.of(
                                "kycert.worker.enabled", true,
                                "kycert.worker.threads", 1,
                                "kycert.worker.batch-size", 10))) {
            Fixtures fx = new Fixtures(node, db);
            Fixtures.Tenant tenant = fx.tenant("Slow source");
            // An endpoint, so that every finished run has an event: one each, written with its result.
            node.bean(WebhookService.class).add(tenant.id(), Environment.SANDBOX, receiver.url(), "test");
            Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read");
            // Lawsuits never answers for this document: the run waits out the template's 10 s timeout.
            UUID template = node.bean(br.com.kycert.templates.TemplateService.class)
                    .create(tenant.id(), "PF slow", "pf", List.of(), List.of(), 10_000)
                    .id();
            UUID slow = fx.run(key, template, "pf", "900.000.007-60");
            List<UUID> quick = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                quick.add(fx.run(key, template, "pf", "900.000.001-75"));
            }
            quick.forEach(run -> awaitStatus(fx, run, "completed"));
            assertThat(status(fx, slow)).isEqualTo("running");
            awaitStatus(fx, slow, "completed");
            assertThat(fx.count(
                            "select count(*) from run_sources where run_id = ? and status = 'timed_out'"
                                    + " and source = 'lawsuits' and latency_ms >= 10000",
                            slow))
                    .isEqualTo(1);
            assertThat(fx.count("select count(*) from webhook_events where run_id = any(?::uuid[])", ids(slow, quick)))
                    .isEqualTo(4);
        }
    }

    @Test
    void twoNodesWithWorkersProcessEveryRunExactlyOnce() {
        try (TestDatabase db = TestDatabase.create();
                TestServer a = TestServer.start(
                        db,
                        Map.of(
                                "kycert.worker.enabled",
                                true,
                                "kycert.worker.poll-interval",
                                "20ms",
                                "kycert.worker.threads",
                                3,
                                "kycert.worker.batch-size",
                                4));
                TestServer b = TestServer.start(
                        db,
                        Map.of(
                                "kycert.worker.enabled",
                                true,
                                "kycert.worker.poll-interval",
                                "20ms",
                                "kycert.worker.threads",
                                3))) {
            Fixtures fx = new Fixtures(a, db);
            Fixtures.Tenant tenant = fx.tenant("Two workers");
            Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read");
            List<UUID> created = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String doc = i % 2 == 0 ? "900.000.001-75" : "900.000.006-80";
                created.add(fx.run(key, tenant.pfTemplate(), "pf", doc));
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (fx.count("select count(*) from runs where status in ('queued', 'running')") > 0
                    && Instant.now().isBefore(deadline)) {
                sleep(100);
            }
            assertThat(fx.count("select count(*) from runs where status = 'completed'"))
                    .isEqualTo(created.size());
            assertThat(fx.count("select count(*) from runs where attempts <> 1"))
                    .isZero();
            assertThat(fx.count("select count(*) from run_sources where attempts <> 1"))
                    .isZero();
            assertThat(fx.count("select count(*) from runs where decision = 'approved'"))
                    .isEqualTo(20);
            assertThat(fx.count("select count(*) from runs where decision = 'review'"))
                    .isEqualTo(20);
        }
    }

    @Test
    void liveRunsWaitWhileLiveProcessingIsOffAndAreNeverAnsweredByFixtures() {
        try (TestDatabase db = TestDatabase.create();
                TestServer node = TestServer.start(
                        db, Map.of("kycert.worker.enabled", true, "kycert.worker.poll-interval", "20ms"))) {
            Fixtures fx = new Fixtures(node, db);
            Fixtures.Tenant tenant = fx.tenant("Live");
            node.bean(br.com.kycert.credits.CreditService.class).grant(tenant.id(), 100, "test");
            Fixtures.Key live = fx.key(tenant, br.com.kycert.shared.Environment.LIVE, null, "runs:write", "runs:read");
            Fixtures.Key sandbox = fx.key(tenant, "runs:write", "runs:read");
            UUID liveRun = fx.run(live, tenant.pfTemplate(), "pf", "900.000.001-75");
            UUID sandboxRun = fx.run(sandbox, tenant.pfTemplate(), "pf", "900.000.001-75");
            awaitStatus(fx, sandboxRun, "completed");
            sleep(300);
            assertThat(status(fx, liveRun)).isEqualTo("queued");
        }
    }

    @Test
    void aLeaseNotLongerThanTheLongestSourceTimeoutPlusAMarginStopsTheServerWithTheReason() {
        try (TestDatabase db = TestDatabase.create()) {
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                    () -> TestServer.start(db, Map.of("kycert.worker.enabled", true, "kycert.worker.lease", "15s"))
                            .close());
            assertThat(refused).isNotNull();
            Throwable root = refused;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root.getMessage())
                    .doesNotContain("\n")
                    .startsWith("kycert.worker.lease (KYCERT_WORKER_LEASE) is 15000 ms but must be longer than the"
                            + " longest source timeout (10250 ms) plus 5 s");
            Throwable batch = org.assertj.core.api.Assertions.catchThrowable(
                    () -> TestServer.start(db, Map.of("kycert.worker.enabled", true, "kycert.worker.batch-size", 0))
                            .close());
            Throwable cause = batch;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertThat(cause.getMessage())
                    .isEqualTo("kycert.worker.batch-size (KYCERT_WORKER_BATCH_SIZE) must be between 1 and 1000, not 0");
            // A disabled worker needs no lease, so nothing is checked.
            try (TestServer idle = TestServer.start(db, Map.of("kycert.worker.lease", "1s"))) {
                assertThat(idle.http().get("/health").status()).isEqualTo(200);
            }
        }
    }

    private static RunEntity approved(RunEntity run) {
        return run.completed(
                new RunEntity.Result(Outcome.APPROVED, RunEntity.Completeness.FULL, false, List.of(), List.of()),
                0,
                Instant.now());
    }

    private static String ids(UUID first, List<UUID> more) {
        List<String> all = new ArrayList<>();
        all.add(first.toString());
        more.forEach(id -> all.add(id.toString()));
        return "{" + String.join(",", all) + "}";
    }

    static String status(Fixtures fx, UUID run) {
        for (String s : List.of("queued", "running", "completed", "failed")) {
            if (fx.count("select count(*) from runs where id = ? and status = ?", run, s) == 1) {
                return s;
            }
        }
        throw new AssertionError("no run " + run);
    }

    static void awaitStatus(Fixtures fx, UUID run, String wanted) {
        Await.until("run " + run + " to be " + wanted, Duration.ofSeconds(20), () -> status(fx, run), wanted::equals);
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

package br.com.kycert.runs;

import br.com.kycert.api.model.Decision;
import br.com.kycert.api.model.Reason;
import br.com.kycert.api.model.RuleResult;
import br.com.kycert.api.model.Severity;
import br.com.kycert.credits.CreditService;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.jdbc.PollingLoop;
import br.com.kycert.sources.BureauSource;
import br.com.kycert.sources.LiveConnectors;
import br.com.kycert.sources.SandboxSources;
import br.com.kycert.sources.SourceQuery;
import br.com.kycert.sources.SourceTimeout;
import br.com.kycert.webhooks.WebhookService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes queued runs inside the server. Workers claim runs from PostgreSQL with SKIP LOCKED
 * under a lease, query the run's sources concurrently, each under its own timeout, decide, and
 * write the result in one transaction fenced by the lease. A run whose worker died is claimed
 * again when its lease expires. Sandbox runs use the in-process fixtures; live runs use the HTTP
 * connectors, and are processed only where {@code kycert.live.enabled} is set.
 */
@Singleton
@Requires(notEnv = "cli")
@Requires(property = "kycert.worker.enabled", notEquals = "false", defaultValue = "true")
final class RunWorker implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);
    static final int MAX_ATTEMPTS = 5;
    static final long GRACE_MS = 250;

    private final RunRepository runs;
    private final RunMapper mapper;
    private final SandboxSources sandbox;
    private final WebhookService webhooks;
    private final LiveConnectors live;
    private final CreditService credits;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final int threads;
    private final Duration lease;
    private final Duration poll;
    private final String owner = "worker-" + UUID.randomUUID();
    private PollingLoop loop;
    private ExecutorService sourceCalls;

    RunWorker(RunRepository runs, RunMapper mapper, SandboxSources sandbox, LiveConnectors live, CreditService credits,
              WebhookService webhooks,
              TransactionOperations<Connection> tx,
              Clock clock,
              @Value("${kycert.worker.threads:2}") int threads,
              @Value("${kycert.worker.lease:30s}") Duration lease,
              @Value("${kycert.worker.poll-interval:200ms}") Duration poll) {
        this.runs = runs;
        this.mapper = mapper;
        this.sandbox = sandbox;
        this.webhooks = webhooks;
        this.live = live;
        this.credits = credits;
        this.tx = tx;
        this.clock = clock;
        this.threads = threads;
        this.lease = lease;
        this.poll = poll;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (loop != null) {
            return;
        }
        sourceCalls = Executors.newCachedThreadPool(PollingLoop.daemonThreads("kycert-source"));
        loop = PollingLoop.start("kycert-worker", threads, poll, () -> {
            Optional<RunRepository.Claimed> claimed =
                    tx.executeWrite(status -> runs.claim(environments(), owner, lease.toMillis()));
            claimed.ifPresent(this::process);
            return claimed.isPresent();
        });
    }

    @PreDestroy
    synchronized void stop() {
        if (loop != null) {
            loop.close();
            sourceCalls.shutdownNow();
        }
    }

    /** Sandbox always; live only where live connectors are enabled (otherwise live runs wait, queued). */
    private List<String> environments() {
        return live.enabled() ? List.of("sandbox", "live") : List.of("sandbox");
    }

    /** Runs one claimed run to its end. Package-private so tests can drive a worker step by step. */
    void process(RunRepository.Claimed claimed) {
        RunRecord run = claimed.run();
        List<SourceCheckRecord> planned = tx.executeRead(status -> runs.checks(run.id()));
        List<SourceCheckRecord> done = claimed.attempts() > MAX_ATTEMPTS
                ? planned.stream().map(c -> finished(c, "failed", null, null, "not attempted: run exceeded "
                        + MAX_ATTEMPTS + " processing attempts", null, null, 0)).toList()
                : query(run, planned);

        Map<String, String> outcomes = new LinkedHashMap<>();
        mapper.readMap(tx.executeRead(status -> runs.ruleOutcomes(run.id())))
                .forEach((rule, outcome) -> outcomes.put(rule, String.valueOf(outcome)));
        DecisionRules.Decision decision = DecisionRules.decide(done.stream()
                .map(c -> new DecisionRules.Check(c.source(), c.required(), c.status(), c.raw() == null ? null : mapper.readMap(c.raw())))
                .toList(), outcomes);
        List<SourceCheckRecord> withOutcomes = done.stream().map(c -> withOutcome(c, decision)).toList();
        Map<String, Long> billable = new LinkedHashMap<>();
        withOutcomes.stream().filter(c -> "succeeded".equals(c.status())).forEach(c -> billable.put(c.source(), c.cost()));
        long wouldCharge = billable.values().stream().mapToLong(Long::longValue).sum();
        boolean live = run.environment() == Environment.LIVE;
        var completion = new RunRepository.Completion(
                decision.failed() ? "failed" : "completed",
                decision.failed() ? null : decision.outcome().value,
                decision.partial() ? "partial" : "full",
                decision.complianceAlert(),
                mapper.write(decision.reasons().stream().map(r -> new Reason(r.code(), Severity.fromValue(r.severity()),
                        r.source(), r.message())).toList()),
                mapper.write(decision.ruleResults().stream().map(r -> new RuleResult(r.rule(),
                        Decision.fromValue(r.outcome()), r.source(), r.matched())).toList()),
                wouldCharge,
                live ? wouldCharge : 0,
                clock.instant(),
                withOutcomes);
        // One transaction: the result and its webhook event (outbox) exist together or not at all.
        boolean written = tx.executeWrite(status -> {
            if (!runs.complete(run.id(), owner, completion)) {
                return false;
            }
            if (live) {
                credits.settle(run.tenantId(), run.id(), runs.reserved(run.id()), billable);
            }
            webhooks.runFinished(new WebhookService.RunFinished(run.id(), run.tenantId(), run.environment(),
                    run.externalId(), completion.status(), completion.decision(), completion.completeness(),
                    completion.complianceAlert(), run.templateId(), run.templateVersion(), run.createdAt(),
                    completion.at()));
            return true;
        });
        if (!written) {
            LOG.warn("Run {} was taken over by another worker (lease lost); its result was discarded", run.id());
        }
    }

    private List<SourceCheckRecord> query(RunRecord run, List<SourceCheckRecord> planned) {
        Map<SourceCheckRecord, Future<Map<String, Object>>> calls = new LinkedHashMap<>();
        Map<SourceCheckRecord, Instant> starts = new LinkedHashMap<>();
        Map<SourceCheckRecord, SourceQuery> queries = new LinkedHashMap<>();
        for (SourceCheckRecord check : planned) {
            // The sandbox never reaches a connector; live never uses fixtures.
            Optional<BureauSource> source = run.environment() == Environment.SANDBOX
                    ? sandbox.source(check.source())
                    : live.source(check.source());
            if (source.isEmpty()) {
                continue;
            }
            SourceQuery q = new SourceQuery(run.subjectType(), run.subjectDoc(), run.subjectName(), check.timeoutMs(),
                    run.id() + ":" + check.source(), new AtomicInteger());
            starts.put(check, clock.instant());
            queries.put(check, q);
            calls.put(check, sourceCalls.submit(() -> source.get().query(q)));
        }
        List<SourceCheckRecord> done = new ArrayList<>();
        for (SourceCheckRecord check : planned) {
            Future<Map<String, Object>> call = calls.get(check);
            if (call == null) {
                done.add(finished(check, "failed", null, null, "source not configured in this environment", null, null, 0));
                continue;
            }
            Instant started = starts.get(check);
            // A small grace lets a connector report its own timeout before we give up on it.
            long remaining = check.timeoutMs() + GRACE_MS - Duration.between(started, clock.instant()).toMillis();
            try {
                Map<String, Object> raw = call.get(Math.max(0, remaining), TimeUnit.MILLISECONDS);
                done.add(finished(check, "succeeded", started, clock.instant(), null, mapper.write(raw), null,
                        queries.get(check).attempts().get()));
            } catch (TimeoutException e) {
                call.cancel(true);
                done.add(finished(check, "timed_out", started, clock.instant(),
                        "no answer within " + check.timeoutMs() + " ms", null, null, queries.get(check).attempts().get()));
            } catch (ExecutionException e) {
                boolean timedOut = e.getCause() instanceof SourceTimeout;
                String why = e.getCause() == null || e.getCause().getMessage() == null
                        ? "source error" : e.getCause().getMessage();
                done.add(finished(check, timedOut ? "timed_out" : "failed", started, clock.instant(), why, null, null,
                        queries.get(check).attempts().get()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while querying sources", e);
            }
        }
        return done;
    }

    private static SourceCheckRecord finished(SourceCheckRecord c, String status, Instant started, Instant completed,
                                              String error, String raw, String outcome, int attempts) {
        Long latency = started == null || completed == null ? null : Duration.between(started, completed).toMillis();
        return new SourceCheckRecord(c.source(), c.required(), c.timeoutMs(), status, outcome, attempts,
                latency, c.cost(), started, completed, error, raw);
    }

    private static SourceCheckRecord withOutcome(SourceCheckRecord c, DecisionRules.Decision decision) {
        DecisionRules.Outcome outcome = decision.sourceOutcomes().get(c.source());
        return new SourceCheckRecord(c.source(), c.required(), c.timeoutMs(), c.status(),
                outcome == null ? null : outcome.value, c.attempts(), c.latencyMs(), c.cost(), c.startedAt(),
                c.completedAt(), c.error(), c.raw());
    }

}

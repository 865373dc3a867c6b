package br.com.kycert.runs;

import br.com.kycert.credits.CreditService;
import br.com.kycert.rules.DecisionRules;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.jdbc.PollingLoop;
import br.com.kycert.sources.BureauSource;
import br.com.kycert.sources.LiveConnectors;
import br.com.kycert.sources.SandboxSources;
import br.com.kycert.sources.SourceQuery;
import br.com.kycert.sources.SourceTimeout;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
@Requires(bean = WorkerConfiguration.class)
final class RunWorker implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);
    static final int MAX_ATTEMPTS = 5;
    /** A small grace lets a connector report its own timeout before the worker gives up on it. */
    static final Duration GRACE = Duration.ofMillis(250);

    private final RunRepository runs;
    private final SandboxSources sandbox;
    private final LiveConnectors live;
    private final CreditService credits;
    private final List<RunFinishedListener> listeners;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final WorkerConfiguration config;
    private final Set<Environment> environments;
    private final String owner = "worker-" + UUID.randomUUID();
    private final MeterRegistry meters;
    private PollingLoop loop;
    private ExecutorService sourceCalls;

    RunWorker(
            RunRepository runs,
            SandboxSources sandbox,
            LiveConnectors live,
            CreditService credits,
            List<RunFinishedListener> listeners,
            TransactionOperations<Connection> tx,
            Clock clock,
            WorkerConfiguration config,
            MeterRegistry meters) {
        this.meters = meters;
        this.runs = runs;
        this.sandbox = sandbox;
        this.live = live;
        this.credits = credits;
        this.listeners = listeners;
        this.tx = tx;
        this.clock = clock;
        this.config = config;
        // Sandbox always; live only where live connectors are enabled (otherwise live runs wait, queued).
        this.environments =
                live.enabled() ? EnumSet.of(Environment.SANDBOX, Environment.LIVE) : EnumSet.of(Environment.SANDBOX);
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (loop != null) {
            return;
        }
        sourceCalls = Executors.newCachedThreadPool(PollingLoop.daemonThreads("kycert-source"));
        loop = PollingLoop.start("kycert-worker", config.threads(), config.pollInterval(), () -> {
            Optional<RunRepository.Claimed> claimed =
                    tx.executeWrite(status -> runs.claim(environments, owner, config.lease()));
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

    /** Runs one claimed run to its end. Package-private so tests can drive a worker step by step. */
    void process(RunRepository.Claimed claimed) {
        RunEntity run = claimed.run();
        List<SourceCheckEntity> planned = tx.executeRead(status -> runs.checks(run.id()));
        List<SourceCheckEntity> answered = claimed.attempts() > MAX_ATTEMPTS
                ? planned.stream()
                        .map(c ->
                                c.notAttempted("not attempted: run exceeded " + MAX_ATTEMPTS + " processing attempts"))
                        .toList()
                : query(run, planned);
        recordSources(run, answered);

        DecisionRules.Decision decision = DecisionRules.decide(
                answered.stream().map(SourceCheckEntity::asCheck).toList(),
                tx.executeRead(status -> runs.grades(run.id())));
        List<SourceCheckEntity> decided =
                answered.stream().map(c -> c.decided(decision)).toList();
        Map<String, Long> billable = new LinkedHashMap<>();
        decided.stream().filter(SourceCheckEntity::succeeded).forEach(c -> billable.put(c.source(), c.cost()));
        long cost = billable.values().stream().mapToLong(Long::longValue).sum();
        RunEntity finished = run.finished(decision, cost, clock.instant());
        // One transaction: the result, its settlement and what listeners write (the webhook outbox)
        // exist together or not at all.
        boolean written = tx.executeWrite(status -> {
            if (!runs.complete(finished, decided, owner)) {
                return false;
            }
            if (finished.live()) {
                credits.settle(run.scope().tenantId(), run.id(), runs.reserved(run.id()), billable);
            }
            listeners.forEach(listener -> listener.runFinished(finished));
            return true;
        });
        if (!written) {
            LOG.warn("Run {} was taken over by another worker (lease lost); its result was discarded", run.id());
        }
    }

    /** {@code kycert.sources.requests}: each source's answer time by source, environment and outcome. */
    private void recordSources(RunEntity run, List<SourceCheckEntity> answered) {
        for (SourceCheckEntity check : answered) {
            Long latency = check.answer().latencyMs();
            if (latency == null) {
                continue;
            }
            Timer.builder("kycert.sources.requests")
                    .description("Source queries of runs (retries included), by source, environment and outcome")
                    .tag("source", check.source())
                    .tag("environment", run.scope().environment().value())
                    .tag("status", check.status().value())
                    .serviceLevelObjectives(SOURCE_BUCKETS)
                    .register(meters)
                    .record(Duration.ofMillis(latency));
        }
    }

    private static final Duration[] SOURCE_BUCKETS = {
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30)
    };

    private List<SourceCheckEntity> query(RunEntity run, List<SourceCheckEntity> planned) {
        Map<String, Future<Map<String, Object>>> calls = new LinkedHashMap<>();
        Map<String, Instant> starts = new LinkedHashMap<>();
        Map<String, SourceQuery> queries = new LinkedHashMap<>();
        RunEntity.Subject subject = run.subject();
        for (SourceCheckEntity check : planned) {
            // The sandbox never reaches a connector; live never uses fixtures.
            Optional<BureauSource> source = run.live() ? live.source(check.source()) : sandbox.source(check.source());
            if (source.isEmpty()) {
                continue;
            }
            SourceQuery q = new SourceQuery(
                    subject.type(),
                    subject.doc(),
                    subject.name(),
                    check.timeoutMs(),
                    run.id() + ":" + check.source(),
                    new AtomicInteger());
            starts.put(check.source(), clock.instant());
            queries.put(check.source(), q);
            calls.put(check.source(), sourceCalls.submit(() -> source.get().query(q)));
        }
        List<SourceCheckEntity> done = new ArrayList<>();
        for (SourceCheckEntity check : planned) {
            Future<Map<String, Object>> call = calls.get(check.source());
            if (call == null) {
                done.add(check.notAttempted("source not configured in this environment"));
                continue;
            }
            Instant started = starts.get(check.source());
            long remaining = check.timeoutMs()
                    + GRACE.toMillis()
                    - Duration.between(started, clock.instant()).toMillis();
            AtomicInteger attempts = queries.get(check.source()).attempts();
            try {
                Map<String, Object> raw = call.get(Math.max(0, remaining), TimeUnit.MILLISECONDS);
                done.add(check.succeeded(raw, attempts.get(), started, clock.instant()));
            } catch (TimeoutException e) {
                call.cancel(true);
                done.add(check.timedOut(
                        "no answer within " + check.timeoutMs() + " ms", attempts.get(), started, clock.instant()));
            } catch (ExecutionException e) {
                String why = e.getCause() == null || e.getCause().getMessage() == null
                        ? "source error"
                        : e.getCause().getMessage();
                done.add(
                        e.getCause() instanceof SourceTimeout
                                ? check.timedOut(why, attempts.get(), started, clock.instant())
                                : check.failed(why, attempts.get(), started, clock.instant()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while querying sources", e);
            }
        }
        return done;
    }
}

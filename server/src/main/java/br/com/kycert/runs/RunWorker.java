package br.com.kycert.runs;

import br.com.kycert.credits.CreditService;
import br.com.kycert.fixtures.Scenarios;
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
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes queued runs inside the server, in two stages. Worker threads claim batches of runs
 * from PostgreSQL with SKIP LOCKED under a lease, in one statement, and start every source of
 * every run of the batch at once, each under its own timeout; a run is decided the moment its
 * last source has answered. Settler threads write the runs decided meanwhile together, in one
 * transaction fenced by the lease (a run whose lease was lost writes nothing). A worker never
 * waits for its batch: a run waiting for a slow source holds back no other run, and at most
 * {@code threads × batch-size} runs are in flight on a node. A run whose worker died (or whose
 * node stopped) is claimed again when its lease expires. Sandbox runs are answered in-process by
 * the fixtures with no thread and no sleep; live runs use the HTTP connectors, and are processed
 * only where {@code kycert.live.enabled} is set. A worker that found runs claims again at once; one
 * that found none waits the poll interval.
 */
@Singleton
@Requires(bean = WorkerConfiguration.class)
final class RunWorker implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);
    static final int MAX_ATTEMPTS = 5;
    /** A small grace lets a connector report its own timeout before the worker gives up on it. */
    static final Duration GRACE = Duration.ofMillis(250);

    /** A decided run, with what settling it charges (a live run's). */
    private record Decided(RunRepository.Finished finished, Map<String, Long> billable, long reserved) {}

    /** Permits for the runs in flight on this node; a permit owed makes the count negative until it is given back. */
    private static final class InFlight extends Semaphore {

        InFlight(int permits) {
            super(permits);
        }

        void owe(int permits) {
            reducePermits(permits);
        }
    }

    /** How one run of a batch ended: decided, or an error that leaves it to be claimed again. */
    private record Outcome(UUID runId, Decided decided, Throwable error) {}

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
    private final BlockingQueue<Outcome> decided = new LinkedBlockingQueue<>();
    private final InFlight inFlight;
    private PollingLoop loop;
    private PollingLoop settlers;
    private ExecutorService sourceCalls;
    private ScheduledExecutorService timeouts;

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
        this.inFlight = new InFlight(config.threads() * config.batchSize());
        this.timeouts = Executors.newSingleThreadScheduledExecutor(PollingLoop.daemonThreads("kycert-source-timeout"));
        this.sourceCalls = Executors.newCachedThreadPool(PollingLoop.daemonThreads("kycert-source"));
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (loop != null) {
            return;
        }
        settlers = PollingLoop.start("kycert-settler", config.threads(), config.pollInterval(), this::settleDecided);
        loop = PollingLoop.start("kycert-worker", config.threads(), config.pollInterval(), this::step);
    }

    @PreDestroy
    synchronized void stop() {
        if (loop != null) {
            loop.close();
            settlers.close();
        }
        sourceCalls.shutdownNow();
        timeouts.shutdownNow();
    }

    /**
     * Claims a batch (as many runs as are not yet in flight on this node, up to the batch size) and
     * starts it; true when it found runs.
     */
    private boolean step() throws InterruptedException {
        inFlight.acquire();
        int room = 1;
        while (room < config.batchSize() && inFlight.tryAcquire()) {
            room++;
        }
        int wanted = room;
        List<RunRepository.Claimed> batch;
        try {
            batch = tx.executeWrite(status -> runs.claim(environments, owner, config.lease(), wanted));
        } catch (RuntimeException e) {
            inFlight.release(wanted);
            throw e;
        }
        int extra = batch.size() - wanted;
        if (extra > 0) {
            // Never expected (the claim honours its limit); if it happens, the runs are processed all the same, and
            // the permits they will give back are owed, so the in-flight bound neither leaks nor grows.
            LOG.error("a claim returned {} runs for a limit of {}", batch.size(), wanted);
            inFlight.owe(extra);
        } else {
            inFlight.release(-extra);
        }
        batch.forEach(this::process);
        // Found runs: look again at once (a full batch means more are waiting); none: wait the poll interval.
        return !batch.isEmpty();
    }

    /** Starts a claimed run; once decided (or failed), it waits for a settler. */
    private void process(RunRepository.Claimed claimed) {
        UUID id = claimed.run().id();
        CompletableFuture<Decided> run;
        try {
            run = start(claimed);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        run.whenComplete((done, error) -> decided.add(new Outcome(id, done, error)));
    }

    /** Writes the runs decided since the last settlement, up to a batch, in one transaction. */
    private boolean settleDecided() throws InterruptedException {
        List<Outcome> together = new ArrayList<>();
        together.add(decided.take());
        decided.drainTo(together, config.batchSize() - 1);
        try {
            settle(together);
        } finally {
            inFlight.release(together.size());
        }
        return true;
    }

    /** Queries the run's sources; the future completes, decided, once each has answered or timed out. */
    private CompletableFuture<Decided> start(RunRepository.Claimed claimed) {
        RunEntity run = claimed.run();
        List<CompletableFuture<SourceCheckEntity>> checks = new ArrayList<>();
        for (SourceCheckEntity check : claimed.checks()) {
            checks.add(
                    claimed.attempts() > MAX_ATTEMPTS
                            ? CompletableFuture.completedFuture(check.notAttempted(
                                    "not attempted: run exceeded " + MAX_ATTEMPTS + " processing attempts"))
                            : query(run, check));
        }
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> decide(
                        claimed, checks.stream().map(CompletableFuture::join).toList()));
    }

    private Decided decide(RunRepository.Claimed claimed, List<SourceCheckEntity> answered) {
        RunEntity run = claimed.run();
        recordSources(run, answered);
        DecisionRules.Decision decision = DecisionRules.decide(
                answered.stream().map(SourceCheckEntity::asCheck).toList(), claimed.grades());
        List<SourceCheckEntity> decided =
                answered.stream().map(c -> c.decided(decision)).toList();
        Map<String, Long> billable = new LinkedHashMap<>();
        decided.stream().filter(SourceCheckEntity::succeeded).forEach(c -> billable.put(c.source(), c.cost()));
        long cost = billable.values().stream().mapToLong(Long::longValue).sum();
        RunEntity finished = run.finished(decision, cost, clock.instant());
        return new Decided(new RunRepository.Finished(finished, decided), billable, claimed.reserved());
    }

    /**
     * Writes runs that finished together in one transaction: their results, their settlement and
     * what listeners write (the webhook outbox) exist together or not at all, and only for the runs
     * whose lease this worker still holds. A run that could not be decided is left running: it is
     * claimed again when its lease expires.
     */
    private void settle(List<Outcome> together) {
        List<Decided> decided = new ArrayList<>();
        for (Outcome outcome : together) {
            if (outcome.error() != null) {
                LOG.error(
                        "Run {} could not be processed; it is claimed again when its lease expires",
                        outcome.runId(),
                        outcome.error());
            } else {
                decided.add(outcome.decided());
            }
        }
        if (decided.isEmpty()) {
            return;
        }
        Map<UUID, Decided> byId = new LinkedHashMap<>();
        decided.forEach(d -> byId.put(d.finished().run().id(), d));
        List<RunRepository.Finished> written = tx.executeWrite(status -> {
            List<RunRepository.Finished> kept =
                    runs.complete(decided.stream().map(Decided::finished).toList(), owner);
            // Tenants in one order, so two settling workers never wait on each other's balances in a cycle.
            kept.stream()
                    .map(f -> byId.get(f.run().id()))
                    .filter(d -> d.finished().run().live())
                    .sorted(Comparator.comparing(
                                    (Decided d) -> d.finished().run().scope().tenantId())
                            .thenComparing(d -> d.finished().run().id()))
                    .forEach(d -> {
                        RunEntity run = d.finished().run();
                        credits.settle(run.scope().tenantId(), run.id(), d.reserved(), d.billable());
                    });
            List<RunEntity> results =
                    kept.stream().map(RunRepository.Finished::run).toList();
            listeners.forEach(listener -> listener.runsFinished(results));
            return kept;
        });
        if (written.size() < decided.size()) {
            Set<UUID> kept = new java.util.HashSet<>();
            written.forEach(f -> kept.add(f.run().id()));
            byId.keySet().stream()
                    .filter(id -> !kept.contains(id))
                    .forEach(id -> LOG.warn(
                            "Run {} was taken over by another worker (lease lost); its result was discarded", id));
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

    private CompletableFuture<SourceCheckEntity> query(RunEntity run, SourceCheckEntity check) {
        RunEntity.Subject subject = run.subject();
        SourceQuery q = new SourceQuery(
                subject.type(),
                subject.doc(),
                subject.name(),
                check.timeoutMs(),
                run.id() + ":" + check.source(),
                new AtomicInteger());
        Instant started = clock.instant();
        // The sandbox never reaches a connector; live never uses fixtures.
        return run.live() ? live(check, q, started) : sandbox(check, q, started);
    }

    /** A fixture answers at once; one that never answers is timed out when the check's timeout is up. */
    private CompletableFuture<SourceCheckEntity> sandbox(SourceCheckEntity check, SourceQuery q, Instant started) {
        Optional<Scenarios.Answer> answer = sandbox.answer(check.source(), q);
        if (answer.isEmpty()) {
            return CompletableFuture.completedFuture(check.notAttempted("source not configured in this environment"));
        }
        if (answer.get() instanceof Scenarios.Payload payload) {
            return CompletableFuture.completedFuture(
                    check.succeeded(payload.raw(), q.attempts().get(), started, clock.instant()));
        }
        if (answer.get() instanceof Scenarios.Unavailable unavailable) {
            return CompletableFuture.completedFuture(
                    check.failed("sandbox: " + unavailable.why(), q.attempts().get(), started, clock.instant()));
        }
        CompletableFuture<SourceCheckEntity> timedOut = new CompletableFuture<>();
        timeouts.schedule(
                () -> timedOut.complete(check.timedOut(
                        "no answer within " + check.timeoutMs() + " ms",
                        q.attempts().get(),
                        started,
                        clock.instant())),
                check.timeoutMs(),
                TimeUnit.MILLISECONDS);
        return timedOut;
    }

    /**
     * A live connector is called on its own thread; if it has not answered when the check's timeout
     * (plus {@link #GRACE}) is up, the check is timed out and the call interrupted.
     */
    private CompletableFuture<SourceCheckEntity> live(SourceCheckEntity check, SourceQuery q, Instant started) {
        Optional<BureauSource> source = live.source(check.source());
        if (source.isEmpty()) {
            return CompletableFuture.completedFuture(check.notAttempted("source not configured in this environment"));
        }
        CompletableFuture<SourceCheckEntity> answered = new CompletableFuture<>();
        Future<?> call = sourceCalls.submit(() -> {
            try {
                Map<String, Object> raw = source.get().query(q);
                answered.complete(check.succeeded(raw, q.attempts().get(), started, clock.instant()));
            } catch (InterruptedException e) {
                // Timed out below, which interrupted the call: the check is already answered.
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                String why = e.getMessage() == null ? "source error" : e.getMessage();
                answered.complete(
                        e instanceof SourceTimeout
                                ? check.timedOut(why, q.attempts().get(), started, clock.instant())
                                : check.failed(why, q.attempts().get(), started, clock.instant()));
            }
        });
        timeouts.schedule(
                () -> {
                    if (answered.complete(check.timedOut(
                            "no answer within " + check.timeoutMs() + " ms",
                            q.attempts().get(),
                            started,
                            clock.instant()))) {
                        call.cancel(true);
                    }
                },
                check.timeoutMs() + GRACE.toMillis(),
                TimeUnit.MILLISECONDS);
        return answered;
    }
}

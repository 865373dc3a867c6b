package br.com.kycert.observability;

import br.com.kycert.runs.RunEntity;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.jdbc.Sql;
import br.com.kycert.sources.LiveConnectors;
import br.com.kycert.sources.SourceCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges that need the database, sampled in the background every {@code kycert.metrics.sample-interval}
 * (default 15 s) by one thread of their own, never on a request: the run queue (depth by environment and status,
 * age of the oldest queued run) and the webhook outbox (pending deliveries, age of the oldest: the delivery lag).
 * Also the circuit state of each live source, read from memory at scrape time. During a database outage the
 * gauges keep their last value and the failure is logged once.
 */
@Singleton
final class BacklogSampler implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogSampler.class);

    private final Sql sql;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final Duration interval;
    private final MeterRegistry meters;
    private final LiveConnectors live;
    private final Map<Environment, AtomicLong> queued = new EnumMap<>(Environment.class);
    private final Map<Environment, AtomicLong> running = new EnumMap<>(Environment.class);
    private final Map<Environment, AtomicLong> oldestQueuedSeconds = new EnumMap<>(Environment.class);
    private final AtomicLong pendingDeliveries = new AtomicLong();
    private final AtomicLong oldestPendingDeliverySeconds = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private boolean failing;

    BacklogSampler(
            Sql sql,
            TransactionOperations<Connection> tx,
            Clock clock,
            MetricsConfiguration config,
            MeterRegistry meters,
            LiveConnectors live) {
        this.sql = sql;
        this.tx = tx;
        this.clock = clock;
        this.interval = config.sampleInterval();
        this.meters = meters;
        this.live = live;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (scheduler != null) {
            return;
        }
        for (Environment environment : Environment.values()) {
            queued.put(environment, new AtomicLong());
            running.put(environment, new AtomicLong());
            oldestQueuedSeconds.put(environment, new AtomicLong());
            Gauge.builder("kycert.runs.queue.depth", queued.get(environment), AtomicLong::get)
                    .description("Runs waiting for a worker (queued) or being processed (running), sampled")
                    .tag("environment", environment.value())
                    .tag("status", RunEntity.Status.QUEUED.value())
                    .register(meters);
            Gauge.builder("kycert.runs.queue.depth", running.get(environment), AtomicLong::get)
                    .description("Runs waiting for a worker (queued) or being processed (running), sampled")
                    .tag("environment", environment.value())
                    .tag("status", RunEntity.Status.RUNNING.value())
                    .register(meters);
            Gauge.builder("kycert.runs.queue.oldest.age", oldestQueuedSeconds.get(environment), AtomicLong::get)
                    .description("Age of the oldest queued run (0 when none), sampled")
                    .tag("environment", environment.value())
                    .baseUnit("seconds")
                    .register(meters);
        }
        Gauge.builder("kycert.webhooks.pending", pendingDeliveries, AtomicLong::get)
                .description("Webhook deliveries not yet delivered nor given up, sampled")
                .register(meters);
        Gauge.builder("kycert.webhooks.pending.oldest.age", oldestPendingDeliverySeconds, AtomicLong::get)
                .description("Age of the oldest pending webhook delivery: the delivery lag (0 when none), sampled")
                .baseUnit("seconds")
                .register(meters);
        for (SourceCatalog source : SourceCatalog.values()) {
            Gauge.builder("kycert.sources.circuit.state", live, l -> circuit(l, source.id()))
                    .description("Circuit breaker of a live source: 0 closed, 1 half open, 2 open")
                    .tag("source", source.id())
                    .register(meters);
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kycert-metrics-sampler");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static double circuit(LiveConnectors live, String source) {
        return live.circuitState(source)
                .map(state -> switch (state.toLowerCase(Locale.ROOT)) {
                    case "open" -> 2.0;
                    case "half_open" -> 1.0;
                    default -> 0.0;
                })
                .orElse(0.0);
    }

    /** One pass: two indexed queries (the partial indexes of the queue and the outbox). */
    void sample() {
        try {
            Instant now = clock.instant();
            Map<Environment, long[]> runs = new EnumMap<>(Environment.class);
            tx.executeRead(status -> {
                sql.query(
                        "select environment, count(*) filter (where status = 'queued'),"
                                + " count(*) filter (where status = 'running'),"
                                + " min(created_at) filter (where status = 'queued')"
                                + " from runs where status in ('queued', 'running') group by environment",
                        s -> {},
                        row -> {
                            java.sql.Timestamp min = row.getTimestamp(4);
                            Instant oldest = min == null ? null : min.toInstant();
                            runs.put(Environment.of(row.getString(1)), new long[] {
                                row.getLong(2), row.getLong(3), oldest == null ? 0 : secondsSince(oldest, now)
                            });
                            return null;
                        });
                sql.query(
                        "select count(*), min(created_at) from webhook_deliveries where status = 'pending'",
                        s -> {},
                        row -> {
                            pendingDeliveries.set(row.getLong(1));
                            java.sql.Timestamp min = row.getTimestamp(2);
                            Instant oldest = min == null ? null : min.toInstant();
                            oldestPendingDeliverySeconds.set(oldest == null ? 0 : secondsSince(oldest, now));
                            return null;
                        });
                return null;
            });
            for (Environment environment : Environment.values()) {
                long[] v = runs.getOrDefault(environment, new long[3]);
                queued.get(environment).set(v[0]);
                running.get(environment).set(v[1]);
                oldestQueuedSeconds.get(environment).set(v[2]);
            }
            if (failing) {
                LOG.info("Metrics sampling works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Metrics sampling failed (the gauges keep their last values): {}", e.getMessage());
                failing = true;
            }
        }
    }

    private static long secondsSince(Instant then, Instant now) {
        return Math.max(0, Duration.between(then, now).toSeconds());
    }

    @PreDestroy
    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}

package br.com.kycert.webhooks;

import br.com.kycert.shared.jdbc.PollingLoop;
import br.com.kycert.versions.EventRenderer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers webhook events at least once. Due deliveries are claimed from PostgreSQL with SKIP
 * LOCKED under a lease (any number of nodes), POSTed signed, and on failure scheduled again with
 * exponential backoff and jitter for about 24 hours. Any 2xx is success. An endpoint that keeps
 * failing is disabled, with the reason recorded.
 */
@Singleton
@Requires(bean = WebhookConfiguration.class)
final class WebhookDispatcher implements ApplicationEventListener<ServerStartupEvent> {

    private final WebhookRepository repository;
    private final EventRenderer events;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final WebhookConfiguration config;
    private final String owner = "dispatcher-" + UUID.randomUUID();
    private final HttpClient http;
    private final MeterRegistry meters;
    private PollingLoop loop;
    private ExecutorService senders;

    WebhookDispatcher(
            WebhookRepository repository,
            EventRenderer events,
            TransactionOperations<Connection> tx,
            Clock clock,
            WebhookConfiguration config,
            MeterRegistry meters) {
        this.meters = meters;
        this.repository = repository;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (loop != null) {
            return;
        }
        senders = Executors.newFixedThreadPool(
                Math.min(config.batchSize(), 4), PollingLoop.daemonThreads("kycert-webhook-sender"));
        loop = PollingLoop.start("kycert-webhooks", 1, config.pollInterval(), this::dispatchDue);
    }

    @PreDestroy
    synchronized void stop() {
        if (loop != null) {
            loop.close();
            senders.shutdownNow();
        }
    }

    /** Claims due deliveries and sends them concurrently; true when there were some. */
    private boolean dispatchDue() throws Exception {
        List<WebhookRepository.Due> due = tx.executeWrite(
                status -> repository.claimDue(owner, config.lease().toMillis(), config.batchSize()));
        List<Future<?>> sends = new ArrayList<>();
        for (WebhookRepository.Due d : due) {
            sends.add(senders.submit(() -> deliver(d)));
        }
        for (var send : sends) {
            send.get();
        }
        return !due.isEmpty();
    }

    void deliver(WebhookRepository.Due d) {
        if (d.target().status() != WebhookEndpointEntity.Status.ENABLED) {
            tx.executeWrite(status -> {
                repository.cancel(
                        d.deliveryId(), owner, "endpoint " + d.target().status().value());
                return null;
            });
            delivered("cancelled", null);
            return;
        }
        Instant now = clock.instant();
        WebhookRepository.Secrets keys = d.secrets();
        List<String> secrets = new ArrayList<>(List.of(keys.current()));
        if (keys.previous() != null && keys.previousExpiresAt() != null && now.isBefore(keys.previousExpiresAt())) {
            secrets.add(keys.previous());
        }
        WebhookRepository.Event event = d.event();
        long t = now.getEpochSecond();
        String body = events.render(event.payload(), event.apiVersion());
        Integer status = null;
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.target().url()))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "kycert-webhooks/1")
                    .header("kycert-event-id", "evt_" + event.id().toString().replace("-", ""))
                    .header("kycert-event-type", event.type())
                    .header(WebhookSignature.HEADER, WebhookSignature.header(t, body, secrets))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            error = status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (HttpTimeoutException e) {
            error = "timed out after " + config.timeout().toMillis() + " ms";
        } catch (IOException e) {
            error = "connection failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IllegalArgumentException e) {
            error = "invalid endpoint URL";
        }
        Instant done = clock.instant();
        boolean lastAttempt = d.attempts() + 1 >= config.maxAttempts();
        delivered(error == null ? "delivered" : lastAttempt ? "gave_up" : "failed", Duration.between(now, done));
        Integer finalStatus = status;
        String finalError = error;
        tx.executeWrite(s -> {
            if (finalError == null) {
                repository.succeeded(d.deliveryId(), d.target().endpointId(), owner, finalStatus, done);
                return null;
            }
            int attempt = d.attempts() + 1;
            boolean giveUp = attempt >= config.maxAttempts();
            repository.failed(
                    d.deliveryId(), owner, finalStatus, finalError, done, done.plus(backoff(attempt)), giveUp);
            int failures = repository.endpointFailed(d.target().endpointId(), done);
            if (failures >= config.disableAfterFailures()) {
                repository.disable(
                        d.target().endpointId(),
                        failures + " consecutive failed delivery attempts; last: " + finalError,
                        done);
            }
            return null;
        });
    }

    /**
     * {@code kycert.webhooks.deliveries}: attempts by outcome (delivered, failed and retried later, gave_up after
     * the last attempt, cancelled for a disabled endpoint), with the time the endpoint took to answer.
     */
    private void delivered(String outcome, Duration took) {
        Timer timer = Timer.builder("kycert.webhooks.deliveries")
                .description("Webhook delivery attempts by outcome, and how long the endpoint took to answer")
                .tag("outcome", outcome)
                .register(meters);
        timer.record(took == null ? Duration.ZERO : took);
    }

    /** base·3^(n-1), capped at base·1440 (10 s → 10 s, 30 s, 90 s, … 4 h), ±20 % jitter: ~24 h over 13 attempts. */
    Duration backoff(int attempt) {
        double factor = Math.min(Math.pow(3, attempt - 1), 1440);
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (config.retryBase().toMillis() * factor * jitter));
    }
}

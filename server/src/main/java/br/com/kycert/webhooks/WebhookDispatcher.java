package br.com.kycert.webhooks;

import br.com.kycert.shared.jdbc.PollingLoop;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
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
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers webhook events at least once. Due deliveries are claimed from PostgreSQL with SKIP
 * LOCKED under a lease (any number of nodes), POSTed signed, and on failure scheduled again with
 * exponential backoff and jitter for about 24 hours. Any 2xx is success. An endpoint that keeps
 * failing is disabled, with the reason recorded.
 */
@Singleton
@Requires(notEnv = "cli")
@Requires(property = "kycert.webhooks.enabled", notEquals = "false", defaultValue = "true")
final class WebhookDispatcher implements ApplicationEventListener<ServerStartupEvent> {

    private static final int BATCH = 20;

    private final WebhookRepository repository;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final Duration retryBase;
    private final int maxAttempts;
    private final int disableAfter;
    private final Duration timeout;
    private final Duration poll;
    private final String owner = "dispatcher-" + UUID.randomUUID();
    private final HttpClient http;
    private PollingLoop loop;
    private ExecutorService senders;

    WebhookDispatcher(WebhookRepository repository, TransactionOperations<Connection> tx, Clock clock,
                      @Value("${kycert.webhooks.retry-base:10s}") Duration retryBase,
                      @Value("${kycert.webhooks.max-attempts:13}") int maxAttempts,
                      @Value("${kycert.webhooks.disable-after-failures:50}") int disableAfter,
                      @Value("${kycert.webhooks.timeout:10s}") Duration timeout,
                      @Value("${kycert.webhooks.poll-interval:500ms}") Duration poll) {
        this.repository = repository;
        this.tx = tx;
        this.clock = clock;
        this.retryBase = retryBase;
        this.maxAttempts = maxAttempts;
        this.disableAfter = disableAfter;
        this.timeout = timeout;
        this.poll = poll;
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
        senders = Executors.newFixedThreadPool(4, PollingLoop.daemonThreads("kycert-webhook-sender"));
        loop = PollingLoop.start("kycert-webhooks", 1, poll, this::dispatchDue);
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
        List<WebhookRepository.Due> due = tx.executeWrite(status ->
                repository.claimDue(owner, timeout.toMillis() * 3 + 5_000, BATCH));
        List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
        for (WebhookRepository.Due d : due) {
            sends.add(senders.submit(() -> deliver(d)));
        }
        for (var send : sends) {
            send.get();
        }
        return !due.isEmpty();
    }

    void deliver(WebhookRepository.Due d) {
        if (!"enabled".equals(d.endpointStatus())) {
            tx.executeWrite(status -> {
                repository.cancel(d.deliveryId(), owner, "endpoint " + d.endpointStatus());
                return null;
            });
            return;
        }
        Instant now = clock.instant();
        List<String> secrets = new ArrayList<>(List.of(d.secret()));
        if (d.previousSecret() != null && d.previousSecretExpiresAt() != null && now.isBefore(d.previousSecretExpiresAt())) {
            secrets.add(d.previousSecret());
        }
        long t = now.getEpochSecond();
        Integer status = null;
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "kycert-webhooks/1")
                    .header("kycert-event-id", "evt_" + d.eventId().toString().replace("-", ""))
                    .header("kycert-event-type", d.eventType())
                    .header(WebhookSignature.HEADER, WebhookSignature.header(t, d.payload(), secrets))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload()))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            error = status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (HttpTimeoutException e) {
            error = "timed out after " + timeout.toMillis() + " ms";
        } catch (IOException e) {
            error = "connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IllegalArgumentException e) {
            error = "invalid endpoint URL";
        }
        Instant done = clock.instant();
        Integer finalStatus = status;
        String finalError = error;
        tx.executeWrite(s -> {
            if (finalError == null) {
                repository.succeeded(d.deliveryId(), d.endpointId(), owner, finalStatus, done);
                return null;
            }
            int attempt = d.attempts() + 1;
            boolean giveUp = attempt >= maxAttempts;
            repository.failed(d.deliveryId(), owner, finalStatus, finalError, done, done.plus(backoff(attempt)), giveUp);
            int failures = repository.endpointFailed(d.endpointId(), done);
            if (failures >= disableAfter) {
                repository.disable(d.endpointId(), failures + " consecutive failed delivery attempts; last: " + finalError, done);
            }
            return null;
        });
    }

    /** base·3^(n-1), capped at base·1440 (10 s → 10 s, 30 s, 90 s, … 4 h), ±20 % jitter: ~24 h over 13 attempts. */
    Duration backoff(int attempt) {
        double factor = Math.min(Math.pow(3, attempt - 1), 1440);
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (retryBase.toMillis() * factor * jitter));
    }

}

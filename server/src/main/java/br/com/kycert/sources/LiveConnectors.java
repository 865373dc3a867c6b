package br.com.kycert.sources;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Live sources over HTTP, speaking the bureau source protocol (openapi/bureau-protocol.yaml):
 * {@code POST {base-url}/sources/{source}/query} with a bearer credential. Each source has its own
 * base URL, credential, per-attempt timeout, retries with exponential backoff and jitter (on
 * connection errors, timeouts, 429 and 5xx), and a circuit breaker; {@link LiveConfiguration} holds
 * the values for all sources and {@link LiveSourceConfiguration} any source's own.
 * Credentials are never logged, returned or stored.
 */
@Context // created at start, so a misnamed source stops the server instead of a run
public final class LiveConnectors {

    private final LiveConfiguration global;
    private final Map<String, LiveSourceConfiguration> own = new HashMap<>();
    private final ObjectMapper json;
    private final Clock clock;
    // Built with the first connector: an HTTP client initialises TLS (a tenth of a CLI command's
    // start-up), and a node with live sources off, or the CLI, never calls one.
    private HttpClient http;
    private final Map<String, Connector> connectors = new ConcurrentHashMap<>();

    LiveConnectors(LiveConfiguration global, List<LiveSourceConfiguration> sources, ObjectMapper json, Clock clock) {
        this.global = global;
        this.json = json;
        this.clock = clock;
        for (LiveSourceConfiguration source : sources) {
            if (SourceCatalog.of(source.getSource()).isEmpty()) {
                throw new ConfigurationException(LiveSourceConfiguration.PREFIX + "." + source.getSource()
                        + ": no such source (sources: "
                        + String.join(
                                ", ",
                                Arrays.stream(SourceCatalog.values())
                                        .map(SourceCatalog::id)
                                        .toList()) + ")");
            }
            own.put(source.getSource(), source);
        }
    }

    /** Whether this node processes live runs at all. */
    public boolean enabled() {
        return global.isEnabled();
    }

    /** The connector of a source, if live is enabled and the source has a base URL. */
    public Optional<BureauSource> source(String id) {
        if (!enabled() || SourceCatalog.of(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(connectors.computeIfAbsent(id, this::connector));
    }

    /** The circuit state of a source (for tests and operators). */
    public Optional<String> circuitState(String id) {
        return Optional.ofNullable(connectors.get(id))
                .map(c -> c.breaker.state().name().toLowerCase());
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(3))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return http;
    }

    private Connector connector(String id) {
        Optional<LiveSourceConfiguration> source = Optional.ofNullable(own.get(id));
        Optional<String> base =
                source.map(LiveSourceConfiguration::getBaseUrl).or(() -> Optional.ofNullable(global.getBaseUrl()));
        if (base.isEmpty()) {
            return null;
        }
        return new Connector(
                id,
                URI.create(base.get().replaceAll("/+$", "") + "/sources/" + id + "/query"),
                source.map(LiveSourceConfiguration::getCredential).orElse(global.getCredential()),
                source.map(LiveSourceConfiguration::getTimeout).orElse(global.getTimeout()),
                source.map(LiveSourceConfiguration::getRetries).orElse(global.getRetries()),
                source.map(LiveSourceConfiguration::getRetryBackoff).orElse(global.getRetryBackoff()),
                new CircuitBreaker(
                        source.map(s -> s.getCircuit().getFailureThreshold())
                                .orElse(global.getCircuit().getFailureThreshold()),
                        source.map(s -> s.getCircuit().getOpenFor())
                                .orElse(global.getCircuit().getOpenFor()),
                        clock));
    }

    private final class Connector implements BureauSource {
        private final String id;
        private final URI uri;
        private final String credential;
        private final Duration timeout;
        private final int retries;
        private final Duration backoff;
        private final CircuitBreaker breaker;

        Connector(
                String id,
                URI uri,
                String credential,
                Duration timeout,
                int retries,
                Duration backoff,
                CircuitBreaker breaker) {
            this.id = id;
            this.uri = uri;
            this.credential = credential;
            this.timeout = timeout;
            this.retries = retries;
            this.backoff = backoff;
            this.breaker = breaker;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Map<String, Object> query(SourceQuery q) throws Exception {
            if (!breaker.allow()) {
                throw new SourceFailure(id + ": circuit open after repeated failures; not called");
            }
            Instant deadline = clock.instant().plusMillis(q.timeoutMs());
            String body = request(q);
            String lastError = "no attempt";
            boolean timedOut = false;
            for (int attempt = 0; attempt <= retries; attempt++) {
                Duration remaining = Duration.between(clock.instant(), deadline);
                if (remaining.isNegative() || remaining.isZero()) {
                    break;
                }
                q.attempts().incrementAndGet();
                HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                        .timeout(remaining.compareTo(timeout) < 0 ? remaining : timeout)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .header("User-Agent", "kycert-connector/1")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
                if (credential != null) {
                    request.header("Authorization", "Bearer " + credential);
                }
                try {
                    HttpResponse<String> response = http().send(request.build(), HttpResponse.BodyHandlers.ofString());
                    int status = response.statusCode();
                    if (status == 200) {
                        Map<String, Object> parsed =
                                json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
                        Object result = parsed.get("result");
                        if (!(result instanceof Map<?, ?>)) {
                            breaker.failure();
                            throw new SourceFailure(id + ": answer without a result object");
                        }
                        breaker.success();
                        @SuppressWarnings("unchecked")
                        Map<String, Object> raw = (Map<String, Object>) result;
                        return raw;
                    }
                    lastError = id + ": HTTP " + status;
                    timedOut = false;
                    if (status >= 400 && status < 500 && status != 429 && status != 408) {
                        // Our request was refused (credentials, protocol): retrying cannot help.
                        breaker.failure();
                        throw new SourceFailure(lastError);
                    }
                } catch (HttpTimeoutException e) {
                    lastError = id + ": no answer within " + timeout.toMillis() + " ms";
                    timedOut = true;
                } catch (IOException e) {
                    lastError = id + ": connection failed";
                    timedOut = false;
                }
                long pause = Math.min(backoff.toMillis() * (1L << attempt), 2_000)
                        + ThreadLocalRandom.current().nextLong(backoff.toMillis() + 1);
                Duration left = Duration.between(clock.instant(), deadline);
                if (attempt < retries && left.toMillis() > pause) {
                    Thread.sleep(pause);
                }
            }
            breaker.failure();
            if (timedOut || !clock.instant().isBefore(deadline)) {
                throw new SourceTimeout(id + ": no answer within " + q.timeoutMs() + " ms");
            }
            throw new SourceFailure(lastError);
        }

        private String request(SourceQuery q) throws IOException {
            Map<String, Object> subject = new LinkedHashMap<>();
            subject.put("type", q.subjectType().value());
            subject.put("document", q.doc());
            subject.put("name", q.name());
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("request_id", q.requestId());
            request.put("subject", subject);
            return json.writeValueAsString(request);
        }
    }
}

package br.com.kycert.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.keys.KeyChangeListener;
import br.com.kycert.shared.Environment;
import br.com.kycert.support.Await;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.Receiver;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import br.com.kycert.webhooks.WebhookService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Traffic of every kind, then a Prometheus scrape of the management port: the metrics the README documents are
 * there with their labels, and neither /metrics nor Micronaut's /prometheus is on the public port.
 */
class MetricsIT {

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static Fixtures fx;
    static Receiver receiver;
    static Fixtures.Key key;
    static Fixtures.Key revoked;
    static String scrape;

    @BeforeAll
    static void trafficThenScrape() throws Exception {
        db = TestDatabase.create();
        server = TestServer.start(
                db,
                Map.of(
                        "kycert.worker.enabled", true,
                        "kycert.worker.poll-interval", "50ms",
                        "kycert.webhooks.poll-interval", "50ms",
                        "kycert.metrics.sample-interval", "200ms"));
        http = server.http();
        fx = new Fixtures(server, db);
        receiver = Receiver.start(0);
        Fixtures.Tenant tenant = fx.tenant("Metrics");
        key = fx.key(tenant, "runs:write", "runs:read");
        revoked = fx.key(tenant, "runs:read");
        fx.revoke(revoked);
        server.bean(WebhookService.class).add(tenant.id(), Environment.SANDBOX, receiver.url(), "metrics");

        UUID run = fx.run(key, tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR);
        Await.until(
                "run " + run + " to complete",
                Duration.ofSeconds(30),
                () -> http.get("/api/v1/bureau/runs/" + run, "X-API-Key", key.secret())
                        .body()
                        .contains("\"completed\""));
        Await.until(
                "the webhook delivery",
                Duration.ofSeconds(30),
                () -> !receiver.received().isEmpty());
        http.get("/api/v1/bureau/runs?limit=5", "X-API-Key", key.secret());
        http.get("/api/v1/bureau/runs");
        http.get("/api/v1/bureau/runs", "X-API-Key", "sk_test_malformed");
        http.get("/api/v1/bureau/runs", "X-API-Key", revoked.secret());
        http.get("/api/v1/bureau/runs/" + UUID.randomUUID(), "X-API-Key", key.secret());
        http.get("/no/such/path/900.000.001-75");
        // The delivery is recorded when the receiver's answer is read, a moment after the receiver saw it.
        Await.until(
                "the delivery to be counted",
                Duration.ofSeconds(30),
                () -> scrape().contains("kycert_webhooks_deliveries_seconds_count{outcome=\"delivered\""));
        // One sampling pass now, so the queue and outbox gauges show the state after the traffic.
        server.bean(BacklogSampler.class).sample();
        scrape = scrape();
    }

    @AfterAll
    static void stop() {
        server.close();
        receiver.close();
        db.close();
    }

    static String scrape() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                            + server.bean(ManagementServer.class)
                                                    .port() + "/metrics"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            return r.body();
        } catch (Exception e) {
            throw new AssertionError("scrape failed", e);
        }
    }

    /**
     * A label set: quoted values may hold {@code }} (route templates such as {@code /runs/{id}}), so a value is read
     * to its closing quote, escapes included.
     */
    static final String LABELS = "(\\{(?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*\\})?";

    /** The value of the first sample of {@code name} whose labels contain all of {@code labels}. */
    static double sample(String name, String... labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + LABELS + " (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        while (m.find()) {
            String set = m.group(1) == null ? "" : m.group(1);
            if (List.of(labels).stream().allMatch(set::contains)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no sample " + name + " with " + List.of(labels) + " in:\n" + scrape);
    }

    /** The sum of every sample of a metric with these labels (e.g. the heap's memory pools, one series each). */
    static double total(String name, String... labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + LABELS + " (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        double sum = 0;
        int found = 0;
        while (m.find()) {
            String set = m.group(1) == null ? "" : m.group(1);
            if (List.of(labels).stream().allMatch(set::contains)) {
                sum += Double.parseDouble(m.group(2));
                found++;
            }
        }
        if (found == 0) {
            throw new AssertionError("no sample " + name + " with " + List.of(labels) + " in:\n" + scrape);
        }
        return sum;
    }

    @Test
    void requestsAreCountedAndTimedByRouteTemplateStatusAndCode() {
        assertThat(sample(
                        "kycert_http_server_requests_seconds_count",
                        "route=\"/api/v1/bureau/runs/{id}\"",
                        "method=\"GET\"",
                        "status=\"200\"",
                        "code=\"none\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(
                        "kycert_http_server_requests_seconds_count",
                        "route=\"/api/v1/bureau/runs\"",
                        "method=\"POST\"",
                        "status=\"201\""))
                .isEqualTo(1);
        assertThat(sample(
                        "kycert_http_server_requests_seconds_count",
                        "route=\"/api/v1/bureau/runs/{id}\"",
                        "status=\"404\"",
                        "code=\"run_not_found\""))
                .isEqualTo(1);
        assertThat(sample(
                        "kycert_http_server_requests_seconds_count",
                        "route=\"/api/v1/bureau/runs\"",
                        "status=\"401\"",
                        "code=\"missing_api_key\""))
                .isEqualTo(1);
        // An unknown path is one series, whatever the path: the route is never the path.
        assertThat(sample("kycert_http_server_requests_seconds_count", "route=\"none\"", "code=\"route_not_found\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(
                        "kycert_http_server_requests_seconds_bucket",
                        "route=\"/api/v1/bureau/runs\"",
                        "method=\"POST\"",
                        "le=\"+Inf\""))
                .isEqualTo(1);
        assertThat(scrape).doesNotContain("/no/such/path", "900.000.001-75", "90000000175");
    }

    @Test
    void refusedKeysAreCountedByReasonAndNoKeyAppears() {
        assertThat(sample("kycert_auth_refusals_total", "reason=\"malformed\"")).isEqualTo(1);
        assertThat(sample("kycert_auth_refusals_total", "reason=\"revoked\"")).isEqualTo(1);
        assertThat(sample("kycert_auth_refusals_total", "reason=\"missing\"")).isEqualTo(1);
        for (String reason : List.of("unknown", "expired", "wrong_environment", "conflicting_keys", "inactive")) {
            assertThat(sample("kycert_auth_refusals_total", "reason=\"" + reason + "\""))
                    .as(reason)
                    .isZero();
        }
        assertThat(scrape).doesNotContain(key.secret(), revoked.secret(), "sk_test_");
    }

    @Test
    void runsSourcesQueueWebhooksAndCreditsHaveTheirMetrics() {
        assertThat(sample(
                        "kycert_runs_finished_total",
                        "environment=\"sandbox\"",
                        "status=\"completed\"",
                        "decision=\"approved\""))
                .isEqualTo(1);
        assertThat(sample("kycert_runs_duration_seconds_count", "environment=\"sandbox\"", "status=\"completed\""))
                .isEqualTo(1);
        assertThat(sample("kycert_sources_requests_seconds_count", "environment=\"sandbox\"", "status=\"succeeded\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample("kycert_sources_circuit_state", "source=\"")).isZero();
        assertThat(sample("kycert_runs_queue_depth", "environment=\"sandbox\"", "status=\"queued\""))
                .isZero();
        assertThat(sample("kycert_runs_queue_depth", "environment=\"live\"", "status=\"running\""))
                .isZero();
        assertThat(sample("kycert_runs_queue_oldest_age_seconds", "environment=\"sandbox\""))
                .isZero();
        assertThat(sample("kycert_webhooks_deliveries_seconds_count", "outcome=\"delivered\""))
                .isEqualTo(1);
        assertThat(sample("kycert_webhooks_pending")).isZero();
        assertThat(sample("kycert_webhooks_pending_oldest_age_seconds")).isZero();
        assertThat(sample("kycert_credits_reservations_total", "outcome=\"reserved\""))
                .isZero();
        assertThat(sample("kycert_credits_reservations_total", "outcome=\"insufficient\""))
                .isZero();
    }

    @Test
    void jvmAndPoolMetricsAreThere() {
        // One series per heap pool; one of them (a survivor space, right after a collection) may be empty.
        assertThat(total("jvm_memory_used_bytes", "area=\"heap\"")).isPositive();
        assertThat(sample("jvm_threads_live_threads")).isPositive();
        assertThat(sample("process_cpu_usage")).isGreaterThanOrEqualTo(0);
        assertThat(scrape).containsPattern("(?m)^hikaricp_connections\\{[^}]*pool=\"");
    }

    @Test
    void thePublicPortServesNoMetrics() {
        for (String path : List.of("/metrics", "/prometheus", "/management/metrics")) {
            Http.Response r = http.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.contentType()).as(path).startsWith("application/problem+json");
            assertThat(r.body()).doesNotContain("jvm_", "kycert_http");
        }
    }

    @Test
    void theManagementPortServesOnlyMetrics() throws Exception {
        int port = server.bean(ManagementServer.class).port();
        assertThat(port).isNotEqualTo(URI.create(server.baseUrl()).getPort());
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> other = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/bureau/runs"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    /** The HikariCP pools alive in this JVM, by their housekeeper threads. */
    static java.util.Set<String> pools() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("HikariPool-") && n.endsWith("housekeeper"))
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void theManagementPortCannotBeThePublicOneAndCanBeTurnedOff() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        int same = port;
        long listenersBefore = keyListenerThreads();
        java.util.Set<String> poolsBefore = pools();
        assertThatThrownBy(() ->
                        TestServer.start(db, Map.of("micronaut.server.port", same, "kycert.management.port", same)))
                .hasStackTraceContaining("kycert.management.port (KYCERT_MANAGEMENT_PORT) must not be the public port");
        assertThatThrownBy(() -> TestServer.start(db, Map.of("kycert.management.port", 70_000)))
                .hasStackTraceContaining("must be 0 to 65535, not 70000");
        // A server that refused to start leaves nothing running: not its port, nor its threads and pool, which would
        // go on logging into later tests once this class's database is dropped.
        new java.net.ServerSocket(same).close();
        Await.until(
                "the failed servers' key change listeners and connection pools to stop",
                Duration.ofSeconds(10),
                () -> keyListenerThreads() == listenersBefore && poolsBefore.containsAll(pools()));
        try (TestServer off = TestServer.start(db, Map.of("kycert.management.enabled", false))) {
            assertThat(off.findBean(ManagementServer.class)).isEmpty();
        }
    }

    private static long keyListenerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(KeyChangeListener.APPLICATION_NAME))
                .count();
    }
}

package br.com.kycert.client;

import static br.com.kycert.client.Fixtures.RUN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.client.FakeKycertServer.Reply;
import br.com.kycert.client.model.Run;
import br.com.kycert.client.model.RunList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code ...WithResponse} variants: the typed result plus request id, replay and rate-limit state. */
class ResponseMetadataTest {

    private FakeKycertServer server;
    private KycertClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeKycertServer();
        client = Fixtures.clientFor(server, new Fixtures.RecordingSleeper()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aCreatedRunComesWithItsRequestIdReplayFlagRateLimitAndServingVersion() {
        server.enqueue(Reply.json(201, Fixtures.queuedRun())
                .withHeader("X-Request-Id", "req_first")
                .withHeader("x-kycert-api-version", "2026-06-03")
                .withHeader("RateLimit-Policy", "\"key\";q=25;w=1")
                .withHeader("RateLimit", "\"key\";r=24;t=1"));

        KycertResponse<Run> response = client.runs().createWithResponse(Fixtures.createRunRequest(), null);

        assertThat(response.data().getId()).isEqualTo(RUN_ID);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.requestId()).isEqualTo("req_first");
        assertThat(response.idempotentReplayed()).isFalse();
        assertThat(response.apiVersion()).isEqualTo("2026-06-03");
        assertThat(response.rateLimit())
                .contains(new RateLimit("key", 25L, 24, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThat(response.header("x-request-id")).contains("req_first");
        assertThat(response.toString())
                .contains("req_first")
                .contains("data=Run")
                .doesNotContain("900.000.001-75");
    }

    @Test
    void aReplayedCreateSaysSo() {
        server.enqueue(Reply.json(201, Fixtures.queuedRun()).withHeader("Idempotency-Replayed", "true"));

        KycertResponse<Run> response = client.runs()
                .createWithResponse(
                        Fixtures.createRunRequest(),
                        RequestOptions.builder()
                                .idempotencyKey("onboarding-4711")
                                .build());

        assertThat(response.idempotentReplayed()).isTrue();
        assertThat(server.onlyRequest().header("Idempotency-Key")).isEqualTo("onboarding-4711");
    }

    @Test
    void readsCarryMetadataToo() {
        server.enqueue(Reply.json(200, "{\"object\":\"list\",\"data\":[],\"has_more\":false,\"next_cursor\":null}")
                .withHeader("X-Request-Id", "req_list"));

        KycertResponse<RunList> page = client.runs().listWithResponse(ListRunsParams.none(), RequestOptions.none());

        assertThat(page.data().getData()).isEmpty();
        assertThat(page.requestId()).isEqualTo("req_list");
        assertThat(page.rateLimit()).isEmpty();
        assertThat(page.idempotentReplayed()).isFalse();
    }

    @Test
    void theTightestOfSeveralPoliciesIsReported() {
        Optional<RateLimit> limit = RateLimit.fromHeaders(Map.of(
                "ratelimit-policy", List.of("\"key\";q=25;w=1, \"tenant\";q=100;w=1"),
                "ratelimit", List.of("\"key\";r=20;t=1, \"tenant\";r=3;t=1")));

        assertThat(limit).contains(new RateLimit("tenant", 100L, 3, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @Test
    void unreadableRateLimitHeadersAreIgnored() {
        assertThat(RateLimit.fromHeaders(Map.of("RateLimit", List.of("garbage"))))
                .isEmpty();
        assertThat(RateLimit.fromHeaders(Map.of("RateLimit", List.of("\"key\";r=-1"))))
                .isEmpty();
        assertThat(RateLimit.fromHeaders((Map<String, List<String>>) null)).isEmpty();
        // A state without its policy still says what remains.
        assertThat(RateLimit.fromHeaders(Map.of("RateLimit", List.of("\"key\";r=7"))))
                .contains(new RateLimit("key", null, 7, null, null));
    }

    @Test
    void concurrentCallsWithDifferentKeysEachSendTheirOwn() throws Exception {
        int calls = 40;
        for (int i = 0; i < calls; i++) {
            server.enqueue(Reply.json(200, Fixtures.queuedRun()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<String> mismatches = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String key = "sk_test_caller" + i;
                futures.add(pool.submit(() -> client.runs()
                        .get(
                                RUN_ID,
                                RequestOptions.builder()
                                        .apiKey(key)
                                        .idempotencyKey("ignored-for-reads")
                                        .build())));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        server.requests().forEach(r -> {
            if (r.headerValues("X-API-Key").size() != 1) {
                mismatches.add(String.valueOf(r.headerValues("X-API-Key")));
            }
        });
        assertThat(mismatches).isEmpty();
        assertThat(server.requests())
                .extracting(r -> r.header("X-API-Key"))
                .doesNotHaveDuplicates()
                .hasSize(calls);
        assertThat(server.requests())
                .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isNull());
    }
}

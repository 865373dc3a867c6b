package br.com.kycert.client;

import static br.com.kycert.client.Fixtures.RUN_ID;
import static br.com.kycert.client.Fixtures.TEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.client.FakeKycertServer.Received;
import br.com.kycert.client.FakeKycertServer.Reply;
import br.com.kycert.client.exception.ApiConnectionException;
import br.com.kycert.client.exception.ApiServerException;
import br.com.kycert.client.exception.AuthenticationException;
import br.com.kycert.client.exception.ConflictException;
import br.com.kycert.client.exception.InvalidRequestException;
import br.com.kycert.client.exception.KycertException;
import br.com.kycert.client.exception.NotFoundException;
import br.com.kycert.client.exception.RateLimitException;
import br.com.kycert.client.invoker.ApiException;
import br.com.kycert.client.model.Run;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Retries happen only when safe and useful, with the right waits and the same Idempotency-Key. */
class RetryTest {

    private FakeKycertServer server;
    private Fixtures.RecordingSleeper sleeper;
    private KycertClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeKycertServer();
        sleeper = new Fixtures.RecordingSleeper();
        client = Fixtures.clientFor(server, sleeper).random(() -> 0.5).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getIsRetriedOn503WithExponentialBackoffAndJitter() {
        server.enqueue(
                Reply.problem(503, Fixtures.problem(503, "unavailable")),
                Reply.problem(503, Fixtures.problem(503, "unavailable")),
                Reply.json(200, Fixtures.queuedRun()));

        Run run = client.runs().get(RUN_ID);

        assertThat(run.getId()).isEqualTo(RUN_ID);
        assertThat(server.requests()).hasSize(3);
        // base 500 ms then 1 s, times a jitter factor of 0.5 + 0.5 * 0.5
        assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750));
    }

    @Test
    void getIsRetriedOn429AfterTheRetryAfterSeconds() {
        server.enqueue(
                Reply.problem(429, Fixtures.problem(429, "rate_limited")).withHeader("Retry-After", "2"),
                Reply.json(200, Fixtures.queuedRun()));

        client.runs().get(RUN_ID);

        assertThat(server.requests()).hasSize(2);
        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void createRunIsRetriedOn503WithTheSameIdempotencyKey() {
        server.enqueue(
                Reply.problem(503, Fixtures.problem(503, "unavailable")),
                Reply.raw(500, "text/plain", "boom"),
                Reply.json(201, Fixtures.queuedRun()));

        client.runs().create(Fixtures.createRunRequest());

        List<Received> attempts = server.requests();
        assertThat(attempts).hasSize(3);
        String key = attempts.get(0).header("Idempotency-Key");
        assertThat(key).isNotBlank();
        assertThat(attempts).allSatisfy(r -> {
            assertThat(r.headerValues("Idempotency-Key")).containsExactly(key);
            assertThat(r.body()).isEqualTo(attempts.get(0).body());
        });
    }

    @Test
    void createRunIsRetriedOn429AfterRetryAfterWithTheCallersIdempotencyKey() {
        server.enqueue(
                Reply.problem(429, Fixtures.problem(429, "rate_limited")).withHeader("Retry-After", "1"),
                Reply.json(201, Fixtures.queuedRun()));

        client.runs()
                .create(
                        Fixtures.createRunRequest(),
                        RequestOptions.builder().idempotencyKey("mine-1").build());

        assertThat(server.requests())
                .extracting(r -> r.header("Idempotency-Key"))
                .containsExactly("mine-1", "mine-1");
        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void createRunIsRetriedWhenTheConnectionDropsWithTheSameIdempotencyKey() {
        server.enqueue(Reply.drop(), Reply.json(201, Fixtures.queuedRun()));

        client.runs().create(Fixtures.createRunRequest());

        List<Received> attempts = server.requests();
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(attempts)
                .extracting(r -> r.header("Idempotency-Key"))
                .containsOnly(attempts.get(0).header("Idempotency-Key"));
        assertThat(sleeper.sleeps).isNotEmpty();
    }

    @Test
    void givesUpAfterMaxNetworkRetriesAndThrowsTheLastFailure() {
        server.enqueue(
                Reply.problem(503, Fixtures.problem(503, "unavailable")),
                Reply.problem(502, Fixtures.problem(502, "bad_gateway")),
                Reply.problem(500, Fixtures.problem(500, "internal_error")),
                Reply.json(200, Fixtures.queuedRun()));

        assertThatThrownBy(() -> client.runs().get(RUN_ID))
                .isInstanceOf(ApiServerException.class)
                .extracting(e -> ((KycertException) e).getCode())
                .isEqualTo("internal_error");
        assertThat(server.requests()).hasSize(3);
        assertThat(sleeper.sleeps).hasSize(2);
    }

    @Test
    void zeroMaxNetworkRetriesDisablesRetries() throws Exception {
        KycertClient noRetries =
                Fixtures.clientFor(server, sleeper).maxNetworkRetries(0).build();
        server.enqueue(Reply.problem(503, Fixtures.problem(503, "unavailable")), Reply.json(200, Fixtures.queuedRun()));

        assertThatThrownBy(() -> noRetries.runs().get(RUN_ID)).isInstanceOf(ApiServerException.class);
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeper.sleeps).isEmpty();
    }

    @Test
    void perRequestRetryBudgetOverridesTheClientsForThatCallOnly() {
        server.enqueue(
                Reply.problem(503, Fixtures.problem(503, "unavailable")),
                Reply.problem(503, Fixtures.problem(503, "unavailable")),
                Reply.problem(503, Fixtures.problem(503, "unavailable")),
                Reply.json(200, Fixtures.queuedRun()),
                Reply.problem(503, Fixtures.problem(503, "unavailable")),
                Reply.json(200, Fixtures.queuedRun()));

        Run run = client.runs()
                .get(RUN_ID, RequestOptions.builder().maxNetworkRetries(3).build());
        assertThat(run.getId()).isEqualTo(RUN_ID);
        assertThat(server.requests()).hasSize(4);

        assertThatThrownBy(() -> client.runs()
                        .get(
                                RUN_ID,
                                RequestOptions.builder().maxNetworkRetries(0).build()))
                .isInstanceOf(ApiServerException.class);
        assertThat(server.requests()).hasSize(5);

        client.runs().get(RUN_ID); // the client's own budget (2) again
        assertThat(server.requests()).hasSize(6);
    }

    @Test
    void retryAfterLongerThanAMinuteIsNotWaitedFor() {
        server.enqueue(
                Reply.problem(429, Fixtures.problem(429, "rate_limited")).withHeader("Retry-After", "3600"),
                Reply.json(200, Fixtures.queuedRun()));

        assertThatThrownBy(() -> client.runs().get(RUN_ID))
                .isInstanceOfSatisfying(
                        RateLimitException.class,
                        e -> assertThat(e.getRetryAfter()).contains(Duration.ofHours(1)));
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeper.sleeps).isEmpty();
    }

    static Stream<Arguments> notRetried() {
        return Stream.of(
                Arguments.of(400, "invalid_request", InvalidRequestException.class),
                Arguments.of(401, "invalid_api_key", AuthenticationException.class),
                Arguments.of(404, "run_not_found", NotFoundException.class),
                Arguments.of(409, "run_not_completed", ConflictException.class),
                Arguments.of(422, "validation_failed", InvalidRequestException.class));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("notRetried")
    void clientErrorsAreNeverRetried(int status, String code, Class<? extends KycertException> expected) {
        // One reply per call: a retry would use up the second call's reply (or get the fake's 599).
        server.enqueue(
                Reply.problem(status, Fixtures.problem(status, code)),
                Reply.problem(status, Fixtures.problem(status, code)));

        assertThatThrownBy(() -> client.runs().getAnalysis(RUN_ID)).isInstanceOf(expected);
        assertThatThrownBy(() -> client.runs().create(Fixtures.createRunRequest()))
                .isInstanceOf(expected);

        assertThat(server.requests()).hasSize(2);
        assertThat(sleeper.sleeps).isEmpty();
    }

    @Test
    void connectionRefusedIsRetriedThenThrown() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        KycertClient unreachable = KycertClient.builder()
                .apiKey(TEST_KEY)
                .baseUrl("http://127.0.0.1:" + closedPort)
                .sleeper(sleeper)
                .build();

        assertThatThrownBy(() -> unreachable.runs().list(ListRunsParams.none()))
                .isInstanceOf(ApiConnectionException.class);
        assertThat(sleeper.sleeps).hasSize(2);
    }

    @Test
    void interruptedWaitStopsRetrying() throws Exception {
        KycertClient interrupting = Fixtures.clientFor(server, duration -> {
                    throw new InterruptedException();
                })
                .build();
        server.enqueue(Reply.problem(503, Fixtures.problem(503, "unavailable")), Reply.json(200, Fixtures.queuedRun()));

        try {
            assertThatThrownBy(() -> interrupting.runs().get(RUN_ID))
                    .isInstanceOf(ApiServerException.class)
                    .satisfies(
                            e -> assertThat(e.getSuppressed()).hasAtLeastOneElementOfType(InterruptedException.class));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(server.requests()).hasSize(1);
    }

    // ------------------------------------------------------------ the policy itself

    @Test
    void onlyGetsAndPostsWithAnIdempotencyKeyAreSafeToRepeat() {
        RetryPolicy policy = new RetryPolicy(5, () -> 0.0);
        ApiException unavailable = new ApiException(503, "unavailable", null, null);

        assertThat(policy.delayBeforeRetry("GET", false, 0, unavailable)).isPresent();
        assertThat(policy.delayBeforeRetry("POST", true, 0, unavailable)).isPresent();
        assertThat(policy.delayBeforeRetry("POST", false, 0, unavailable)).isEmpty();
        assertThat(policy.delayBeforeRetry("DELETE", true, 0, unavailable)).isEmpty();
        assertThat(policy.delayBeforeRetry("GET", false, 5, unavailable)).isEmpty();
        assertThat(policy.delayBeforeRetry("GET", false, 0, new ApiException(new IOException("reset"))))
                .isPresent();
        assertThat(policy.delayBeforeRetry("GET", false, 0, new ApiException(404, "nope", null, null)))
                .isEmpty();
    }

    @Test
    void backoffDoublesWithJitterAndIsCapped() {
        assertThat(new RetryPolicy(10, () -> 0.0).backoff(0)).isEqualTo(Duration.ofMillis(250));
        assertThat(new RetryPolicy(10, () -> 0.999).backoff(0))
                .isBetween(Duration.ofMillis(490), Duration.ofMillis(500));
        assertThat(new RetryPolicy(10, () -> 0.0).backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(new RetryPolicy(10, () -> 0.0).backoff(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(new RetryPolicy(10, () -> 0.999).backoff(4)).isLessThanOrEqualTo(Duration.ofSeconds(8));
        assertThat(new RetryPolicy(10, () -> 0.999).backoff(60)).isLessThanOrEqualTo(Duration.ofSeconds(8));
    }
}

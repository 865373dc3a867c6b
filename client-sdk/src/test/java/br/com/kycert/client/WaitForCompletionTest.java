package br.com.kycert.client;

import static br.com.kycert.client.Fixtures.RUN_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.client.FakeKycertServer.Reply;
import br.com.kycert.client.exception.ApiConnectionException;
import br.com.kycert.client.exception.NotFoundException;
import br.com.kycert.client.exception.RunWaitTimeoutException;
import br.com.kycert.client.model.Run;
import br.com.kycert.client.model.RunStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code runs().waitForCompletion}: polls with growing pauses until completed or failed, bounded by a timeout. */
class WaitForCompletionTest {

    /** A monotonic clock that only moves when the client sleeps, so the tests never wait for real. */
    static final class FakeTime implements Sleeper {
        long nanos = 1_000_000_000L;
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            nanos += duration.toNanos();
        }
    }

    private FakeKycertServer server;
    private FakeTime time;
    private KycertClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeKycertServer();
        time = new FakeTime();
        client = Fixtures.clientFor(server, time)
                .nanoTime(() -> time.nanos)
                .random(() -> 0.0)
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void returnsTheCompletedRunAfterPollingWithGrowingPauses() {
        server.enqueue(
                Reply.json(200, Fixtures.runJson(RUN_ID, "queued")),
                Reply.json(200, Fixtures.runJson(RUN_ID, "running")),
                Reply.json(200, Fixtures.runJson(RUN_ID, "running")),
                Reply.json(
                        200,
                        Fixtures.runJson(RUN_ID, "completed")
                                .replace("\"decision\":null", "\"decision\":\"approved\"")));

        Run run = client.runs().waitForCompletion(RUN_ID, Duration.ofSeconds(30));

        assertThat(run.getStatus()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.getDecision()).hasToString("approved");
        assertThat(server.requests()).hasSize(4).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/api/v1/bureau/runs/" + RUN_ID);
        });
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void aFailedRunEndsTheWaitAndIsReturnedNotThrown() {
        server.enqueue(
                Reply.json(200, Fixtures.runJson(RUN_ID, "running")),
                Reply.json(200, Fixtures.runJson(RUN_ID, "failed")));

        Run run = client.runs().waitForCompletion(RUN_ID, Duration.ofSeconds(30));

        assertThat(run.getStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void anAlreadyFinishedRunCostsOneRequestAndNoWait() {
        server.enqueue(Reply.json(200, Fixtures.runJson(RUN_ID, "completed")));

        client.runs().waitForCompletion(RUN_ID, Duration.ofSeconds(5));

        assertThat(server.requests()).hasSize(1);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void givesUpWithAClearTimeoutCarryingTheLastStateNeverSleepingPastTheDeadline() {
        for (int i = 0; i < 20; i++) {
            server.enqueue(Reply.json(200, Fixtures.runJson(RUN_ID, "queued")).withHeader("X-Request-Id", "req_" + i));
        }

        assertThatThrownBy(() -> client.runs().waitForCompletion(RUN_ID, Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(RunWaitTimeoutException.class, e -> {
                    assertThat(e.getRunId()).isEqualTo(RUN_ID);
                    assertThat(e.getTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(e.getRun().getStatus()).isEqualTo(RunStatus.QUEUED);
                    assertThat(e.getStatus()).isZero();
                    assertThat(e.getRequestId())
                            .isEqualTo("req_" + (server.requests().size() - 1));
                    assertThat(e.getMessage())
                            .contains(RUN_ID.toString())
                            .contains("still queued")
                            .contains("PT10S");
                });
        // 0.25 + 0.5 + 1 + 2 + 4 = 7.75 s, then only the 2.25 s left: exactly the timeout, then one last poll.
        assertThat(time.sleeps)
                .containsExactly(
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofMillis(2250));
        assertThat(time.sleeps.stream().mapToLong(Duration::toMillis).sum()).isEqualTo(10_000);
        assertThat(server.requests()).hasSize(7);
    }

    @Test
    void pausesAreCappedAtFiveSecondsAndJitteredDownwards() {
        RunService runs = client.runs();
        assertThat(runs.pollInterval(0)).isEqualTo(Duration.ofMillis(250));
        assertThat(runs.pollInterval(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(runs.pollInterval(40)).isEqualTo(Duration.ofSeconds(5));
        KycertClient jittered =
                Fixtures.clientFor(server, time).random(() -> 0.999).build();
        assertThat(jittered.runs().pollInterval(0)).isBetween(Duration.ofMillis(187), Duration.ofMillis(188));
    }

    @Test
    void aFailingPollIsThrownAsItself() {
        server.enqueue(Reply.problem(404, Fixtures.problem(404, "run_not_found")));

        assertThatThrownBy(() -> client.runs().waitForCompletion(RUN_ID, Duration.ofSeconds(5)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void everyPollSendsThePerRequestOptions() {
        server.enqueue(
                Reply.json(200, Fixtures.runJson(RUN_ID, "queued")),
                Reply.json(200, Fixtures.runJson(RUN_ID, "completed")));

        client.runs()
                .waitForCompletion(
                        RUN_ID,
                        Duration.ofSeconds(5),
                        RequestOptions.builder().apiKey("sk_test_readOnlyKey").build());

        assertThat(server.requests())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.headerValues("X-API-Key")).containsExactly("sk_test_readOnlyKey"));
    }

    @Test
    void anInterruptedWaitStopsAndKeepsTheInterruptFlag() {
        KycertClient interrupting = Fixtures.clientFor(server, d -> {
                    throw new InterruptedException();
                })
                .build();
        server.enqueue(Reply.json(200, Fixtures.runJson(RUN_ID, "queued")));
        try {
            assertThatThrownBy(() -> interrupting.runs().waitForCompletion(RUN_ID, Duration.ofSeconds(5)))
                    .isInstanceOf(ApiConnectionException.class)
                    .hasMessageContaining("Interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theTimeoutMustBePositive() {
        assertThatThrownBy(() -> client.runs().waitForCompletion(RUN_ID, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.runs().waitForCompletion(RUN_ID, null))
                .isInstanceOf(NullPointerException.class);
        assertThat(server.requests()).isEmpty();
    }
}

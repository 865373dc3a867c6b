package br.com.kycert.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returnsTheFirstValueThatIsDone() {
        AtomicInteger calls = new AtomicInteger();

        Integer value = Await.until("the third call", Duration.ofSeconds(5), calls::incrementAndGet, n -> n >= 3);

        assertThat(value).isEqualTo(3);
        assertThat(calls).hasValue(3);
    }

    @Test
    void nullIsNeverDone() {
        AtomicInteger calls = new AtomicInteger();

        String value = Await.until(
                "a value", Duration.ofSeconds(5), () -> calls.incrementAndGet() < 2 ? null : "here", v -> true);

        assertThat(value).isEqualTo("here");
    }

    @Test
    void failsWithWhatWasAwaitedAndTheLastValueSeen() {
        assertThatThrownBy(
                        () -> Await.until("the run to finish", Duration.ofMillis(120), () -> "queued", "done"::equals))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("waiting for the run to finish")
                .hasMessageContaining("last seen: queued");
    }

    @Test
    void waitsForACondition() {
        long start = System.nanoTime();

        Await.until("50 ms to pass", Duration.ofSeconds(5), () -> System.nanoTime() - start > 50_000_000L);

        assertThat(System.nanoTime() - start).isGreaterThan(50_000_000L);
    }
}

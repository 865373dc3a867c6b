package br.com.kycert.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.rules.Outcome;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.shared.TenantScope;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FinishedRunCacheTest {

    static final TenantScope SCOPE = new TenantScope(UUID.randomUUID(), Environment.SANDBOX);
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    static RunEntity queued() {
        return RunEntity.queued(
                UUID.randomUUID(),
                SCOPE,
                new RunEntity.Request(
                        UUID.randomUUID(),
                        1,
                        new RunEntity.Subject(SubjectType.PF, "90000000175", "Fulano"),
                        null,
                        UUID.randomUUID()),
                9,
                NOW);
    }

    static RunEntity completed() {
        return queued().completed(
                        new RunEntity.Result(
                                Outcome.APPROVED, RunEntity.Completeness.FULL, false, List.of(), List.of()),
                        9,
                        NOW);
    }

    @Test
    void holdsFinishedRunsOnlyAndForgetsTheOldestPastItsBound() {
        FinishedRunCache cache = new FinishedRunCache(new RunCacheConfiguration(2));
        RunEntity waiting = queued();
        cache.keep(waiting);
        assertThat(cache.get(waiting.id())).isEmpty();

        RunEntity first = completed();
        RunEntity second = completed();
        RunEntity third = completed();
        cache.keep(first);
        cache.keep(second);
        cache.keep(second);
        assertThat(cache.size()).isEqualTo(2);
        cache.keep(third);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(first.id())).isEmpty();
        assertThat(cache.get(second.id())).contains(second);
        assertThat(cache.get(third.id())).contains(third);
    }

    @Test
    void aBoundOfZeroHoldsNothing() {
        FinishedRunCache cache = new FinishedRunCache(new RunCacheConfiguration(0));
        RunEntity run = completed();
        cache.keep(run);
        assertThat(cache.get(run.id())).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void boundsOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> new RunCacheConfiguration(-1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.runs.cache.max-runs");
        assertThatThrownBy(() -> new RunCacheConfiguration(RunCacheConfiguration.MAX_RUNS + 1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kycert.runs.cache.max-runs");
        assertThat(List.of(new RunCacheConfiguration(0), new RunCacheConfiguration(RunCacheConfiguration.MAX_RUNS)))
                .hasSize(2);
    }
}

package br.com.kycert.observability;

import br.com.kycert.runs.RunEntity;
import br.com.kycert.runs.RunFinishedListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Run throughput: {@code kycert.runs.finished} counts finished runs by environment, status and decision, and
 * {@code kycert.runs.duration} times them from creation to their result (queueing included). Told by the worker in
 * memory, with no query of its own.
 */
@Singleton
final class RunMetrics implements RunFinishedListener {

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(5)
    };

    private final MeterRegistry meters;

    RunMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void runFinished(RunEntity run) {
        String environment = run.scope().environment().value();
        String status = run.status().value();
        Counter.builder("kycert.runs.finished")
                .description("Runs finished by the workers, by environment, status and decision")
                .tag("environment", environment)
                .tag("status", status)
                .tag(
                        "decision",
                        run.result().decision() == null
                                ? "none"
                                : run.result().decision().value())
                .register(meters)
                .increment();
        if (run.times() != null
                && run.times().createdAt() != null
                && run.times().completedAt() != null) {
            Timer.builder("kycert.runs.duration")
                    .description("Time from a run's creation to its result, by environment and status")
                    .tag("environment", environment)
                    .tag("status", status)
                    .serviceLevelObjectives(BUCKETS)
                    .register(meters)
                    .record(Duration.between(
                            run.times().createdAt(), run.times().completedAt()));
        }
    }
}

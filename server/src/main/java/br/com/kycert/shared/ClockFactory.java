package br.com.kycert.shared;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.temporal.ChronoUnit;

/** Time comes from one injectable clock, truncated to what PostgreSQL stores (microseconds). */
@Factory
final class ClockFactory {

    @Singleton
    java.time.Clock clock() {
        return java.time.Clock.tick(java.time.Clock.systemUTC(), java.time.Duration.of(1, ChronoUnit.MICROS));
    }
}

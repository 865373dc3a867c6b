package br.com.kycert.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node can serve: PostgreSQL answers. Checked in the background, one check at a time,
 * every {@code kycert.health.interval} (1 s), so {@code GET /health} reads two fields and never waits on
 * the database however often a load balancer asks. A check that hangs (a database cut mid-connection)
 * counts as a failure once the last success is older than the interval plus {@link #CHECK_TIMEOUT}:
 * readiness never stays up on the strength of an old answer.
 */
@Singleton
@Requires(notEnv = "cli")
class Readiness {

    /** How long one check may take: the pool's wait for a connection is longer (5 s) during an outage. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    private final DataSource dataSource;
    private final long staleAfterNanos;
    private volatile boolean lastCheckSucceeded;
    private volatile long lastSuccessNanos;

    Readiness(
            DataSource dataSource,
            @Nullable DataSourceResolver resolver,
            @Value("${kycert.health.interval:1s}") Duration interval) {
        // The pool itself, not the transaction-aware proxy: a check is no transaction.
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
        this.staleAfterNanos = interval.plus(CHECK_TIMEOUT).toNanos();
    }

    /** No I/O: the outcome of the last background check, if it is recent. */
    boolean ready() {
        return lastCheckSucceeded && System.nanoTime() - lastSuccessNanos <= staleAfterNanos;
    }

    @Scheduled(fixedDelay = "${kycert.health.interval:1s}")
    void check() {
        boolean wasReady = ready();
        boolean ok;
        String failure = null;
        try (Connection c = dataSource.getConnection()) {
            ok = c.isValid((int) CHECK_TIMEOUT.toSeconds());
            if (!ok) {
                failure = "no answer within " + CHECK_TIMEOUT.toSeconds() + " s";
            }
        } catch (Exception e) {
            ok = false;
            failure = e.getMessage();
        }
        if (ok) {
            lastSuccessNanos = System.nanoTime();
        }
        lastCheckSucceeded = ok;
        if (ok && !wasReady) {
            LOG.info("Readiness: the database answers; GET /health answers 200");
        } else if (!ok && wasReady) {
            LOG.warn("Readiness: the database does not answer ({}); GET /health answers 503", failure);
        }
    }
}

package br.com.kycert.shared.jdbc;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns at start-up when PostgreSQL runs with {@code autovacuum = off}. The run tables grow and change with every
 * request; unvacuumed and never analyzed, they keep the plans PostgreSQL chose while they were small (the worker's
 * settlement of a batch became a sequential scan of run_sources, seconds a batch, in bench/run.sh) and pile up dead
 * row versions. PostgreSQL's default is on; where it is off, something else must run {@code VACUUM (ANALYZE)}.
 */
@Singleton
@Requires(notEnv = "cli")
final class AutovacuumCheck implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AutovacuumCheck.class);

    private final Sql sql;
    private final Autocommit autocommit;

    AutovacuumCheck(Sql sql, Autocommit autocommit) {
        this.sql = sql;
        this.autocommit = autocommit;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        try {
            setting()
                    .filter("off"::equals)
                    .ifPresent(off -> LOG.warn(
                            "PostgreSQL runs with autovacuum = off: the runs tables will never be analyzed nor vacuumed, and"
                                    + " the worker slows down as they grow. Turn it on (PostgreSQL's default) or run"
                                    + " VACUUM (ANALYZE) on this database regularly."));
        } catch (RuntimeException e) {
            LOG.debug("Could not read PostgreSQL's autovacuum setting: {}", e.toString());
        }
    }

    /** PostgreSQL's {@code autovacuum} setting, {@code on} or {@code off}. */
    Optional<String> setting() {
        return autocommit.read(() -> sql.queryOne("show autovacuum", s -> {}, row -> row.getString(1)));
    }
}

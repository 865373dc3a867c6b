package br.com.kycert.runs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The per-node cache of finished runs ({@code kycert.runs.cache.*}, {@link FinishedRunCache}). Created when the
 * context starts, so a bad bound stops the server with the reason.
 *
 * @param maxRuns finished runs held per node (0: none, every read goes to PostgreSQL)
 */
@Context
@ConfigurationProperties(RunCacheConfiguration.PREFIX)
record RunCacheConfiguration(
        @Bindable(defaultValue = "10000") int maxRuns) {

    static final String PREFIX = "kycert.runs.cache";

    /** About 2 KB a run: a million of them would not fit the heap bin/jvm-flags gives a node. */
    static final int MAX_RUNS = 1_000_000;

    RunCacheConfiguration {
        if (maxRuns < 0 || maxRuns > MAX_RUNS) {
            throw new ConfigurationException(PREFIX + ".max-runs (KYCERT_RUNS_CACHE_MAX_RUNS) must be between 0 and "
                    + MAX_RUNS + ", not " + maxRuns);
        }
    }
}

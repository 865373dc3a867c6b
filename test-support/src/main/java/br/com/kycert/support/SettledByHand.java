package br.com.kycert.support;

/**
 * SQL for tests that settle a queued run by hand, as the worker would, where no worker runs: its planned checks
 * ({@code runs.planned_checks}) become answered {@code run_sources} rows. The caller then marks the run finished and
 * clears its plan.
 */
public final class SettledByHand {

    /** Inserts every planned check of the run (the one parameter) as succeeded, approved, in one attempt of 12 ms. */
    public static final String ANSWER_PLANNED_CHECKS = "insert into run_sources (run_id, source, position, required,"
            + " timeout_ms, cost, status, outcome, attempts, latency_ms, started_at, completed_at, raw)"
            + " select r.id, p.c ->> 'source', p.n - 1, (p.c ->> 'required')::boolean, (p.c ->> 'timeout_ms')::int,"
            + " (p.c ->> 'cost')::bigint, 'succeeded', 'approved', 1, 12, now(), now(),"
            + " '{\"situacao\":\"regular\"}'::jsonb"
            + " from runs r, jsonb_array_elements(r.planned_checks) with ordinality as p(c, n) where r.id = ?";

    private SettledByHand() {}
}

#!/usr/bin/env bash
# The issue-13 benchmark in one run: every row against the same jar, started with bin/jvm-flags on a
# throwaway PostgreSQL database, wrk on the same machine. Prints one table (req/s and the ratio to
# GET /health/liveness, the in-jar ceiling), then end-to-end sandbox runs, RSS and start-up time.
# Usage: bench/run.sh   (environment: DURATION=10s WARMUP=10s per row, CONNECTIONS=32 THREADS=1
#        PORT=18090, BACKLOG=20000 runs for the worker drain, KEEP_DB=1 keeps the database,
#        KYCERT_JAVA_OPTS adds JVM flags after bin/jvm-flags)
set -euo pipefail
cd "$(dirname "$0")/.."
BACKLOG="${BACKLOG:-20000}"
load_before=$(uptime)
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_start

ceiling=
results=()
row() {
  local label="$1"
  row_args "$2"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${args[@]}" > /dev/null
  drain
  local out rps non2xx
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${args[@]}")
  rps=$(awk '/Requests\/sec/ {printf "%d", $2}' <<< "$out")
  non2xx=$( (grep -o 'Non-2xx or 3xx responses: [0-9]*' <<< "$out" || echo ': 0') | awk -F': ' '{print $2}')
  [ -n "$ceiling" ] || ceiling=$rps
  results+=("$(printf '| %-32s | %7s | %5.3f | %8s | %8s | %8s |' "$label" "$rps" \
    "$(python3 -c "print($rps / $ceiling)")" \
    "$(awk '$1 == "50%" {print $2}' <<< "$out")" "$(awk '$1 == "99%" {print $2}' <<< "$out")" "$non2xx")")
}

row "GET /health/liveness (ceiling)" liveness
row "401 malformed key" malformed
row "401 key with a bad checksum" checksum
row "403 valid key, missing scope" scope
row "GET /runs/{id} (completed)" get
row "GET /runs?limit=20" list
row "GET /health" health
row "POST /runs (sandbox)" post
drain

percentiles="round(1000 * extract(epoch from percentile_cont(0.5) within group (order by completed_at - created_at))),
    round(1000 * extract(epoch from percentile_cont(0.99) within group (order by completed_at - created_at)))"

# End to end: runs created over HTTP for DURATION (warm already), from the first creation to the
# last completion, as the database recorded them.
since=$("${PSQL[@]}" -d "$DB" -c "select clock_timestamp()")
row_args post
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "${args[@]}" > /dev/null
drain
read -r e2e_n e2e_rate e2e_p50 e2e_p99 <<< "$("${PSQL[@]}" -F ' ' -d "$DB" -c "select count(*),
    round(count(*) / extract(epoch from max(completed_at) - min(created_at))), $percentiles
  from runs where created_at >= '$since' and status = 'completed'")"

# The worker alone: BACKLOG queued copies of the first run, committed at once, then drained.
"${PSQL[@]}" -d "$DB" << SQL
begin;
create temporary table backlog as select gen_random_uuid() as id from generate_series(1, $BACKLOG);
insert into runs (id, tenant_id, environment, template_id, template_version, subject_type, subject_doc,
    subject_name, external_id, status, created_by_key, created_at, updated_at, rule_outcomes, would_charge)
  select b.id, r.tenant_id, r.environment, r.template_id, r.template_version, r.subject_type, r.subject_doc,
    r.subject_name, 'bench-backlog', 'queued', r.created_by_key, now(), now(), r.rule_outcomes, r.would_charge
  from backlog b, runs r where r.id = '$run';
insert into run_sources (run_id, source, position, required, timeout_ms, status, cost)
  select b.id, s.source, s.position, s.required, s.timeout_ms, 'pending', s.cost
  from backlog b, run_sources s where s.run_id = '$run';
commit;
SQL
drain
read -r drain_n drain_rate drain_p50 drain_p99 <<< "$("${PSQL[@]}" -F ' ' -d "$DB" -c "select count(*),
    round(count(*) / extract(epoch from max(completed_at) - min(created_at))), $percentiles
  from runs where external_id = 'bench-backlog' and status = 'completed'")"
rss_mb=$(($(ps -o rss= -p "$server") / 1024))
kill "$server"
wait "$server" 2> /dev/null || true
server=

# The plans of the run list and of the worker's claim, on the database the load left behind (the
# server stopped; 128 runs queued again so the claim has work; the claim itself rolled back).
plans=$("${PSQL[@]}" -d "$DB" << SQL
update runs set status = 'queued', completed_at = null
  where id in (select id from runs where external_id = 'bench-backlog' order by created_at limit 128);
analyze runs;
analyze run_sources;
select count(*) || ' runs, ' || count(*) filter (where status = 'queued') || ' queued' from runs;
explain (analyze, buffers, costs off, timing off)
  select * from runs where tenant_id = '$tenant' and environment = 'sandbox'
  order by created_at desc, id desc limit 21;
begin;
explain (analyze, buffers, costs off, timing off)
  update runs r set status = 'running', lease_owner = 'explain', lease_expires_at = now() + interval '30 s',
    attempts = r.attempts + 1, started_at = coalesce(r.started_at, now()), updated_at = now()
  where r.id in (select id from runs where environment = any('{sandbox}')
    and (status = 'queued' or (status = 'running' and lease_expires_at < now()))
    order by created_at limit 64 for update skip locked)
  returning r.*;
select array_agg(id) as ids from runs where lease_owner = 'explain' \gset
explain (analyze, buffers, costs off, timing off)
  select * from run_sources where run_id = any(:'ids'::uuid[]) order by run_id, position;
rollback;
SQL
)

echo
echo "bench/run.sh: wrk -t$THREADS -c$CONNECTIONS -d$DURATION after a $WARMUP warm-up per row; $(nproc) cores;" \
  "server, PostgreSQL and wrk on one machine; JVM: ${jvm[*]}"
echo "load before: $load_before"
echo
echo "| request | req/s | × liveness | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${results[@]}"
echo
echo "| end to end | runs | runs/s | p50 ms | p99 ms |"
echo "|---|---|---|---|---|"
echo "| sandbox runs created over HTTP for $DURATION, first creation to last completion | $e2e_n | $e2e_rate | $e2e_p50 | $e2e_p99 |"
echo "| worker drain: $BACKLOG queued runs committed at once | $drain_n | $drain_rate | $drain_p50 | $drain_p99 |"
echo
echo "server RSS after the load: $rss_mb MB"
echo "start to first 200 (/health/liveness): $first_ms ms; to ready (/health 200): $ready_ms ms"
echo "load after: $(uptime)"
echo
echo "EXPLAIN after the load:"
echo "$plans"

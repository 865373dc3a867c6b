#!/usr/bin/env bash
# The issue-13 benchmark in one run: every row against the same jar, started with bin/jvm-flags on a
# throwaway PostgreSQL database, wrk on the same machine. Prints one table (req/s and the ratio to
# GET /health/liveness, the in-jar ceiling), then end-to-end sandbox runs, RSS and start-up time.
# Every row is warmed once before any is measured (the JIT compiles what the rows share; a row
# measured first on a cold JVM would be slow, and a slow ceiling flatters every ratio), then each is
# measured after a REWARM; the ceiling is measured before and after every row, and each row's ratio is
# to the faster of its two neighbours (the table's last column: to the fastest of the run).
# The warm-up passes repeat until the JIT has (almost) stopped compiling.
# Usage: bench/run.sh   (environment: DURATION=10s, WARMUP=10s per row in a warm-up pass, MAX_WARMUP_PASSES=6, REWARM=3s,
#        CONNECTIONS=32 THREADS=1 PORT=18090, BACKLOG=20000 runs for the worker drain, KEEP_DB=1 keeps the database,
#        KYCERT_JAVA_OPTS adds JVM flags after bin/jvm-flags)
set -euo pipefail
cd "$(dirname "$0")/.."
BACKLOG="${BACKLOG:-20000}"
REWARM="${REWARM:-3s}"
MAX_WARMUP_PASSES="${MAX_WARMUP_PASSES:-6}"
load_before=$(uptime)
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_start

ROWS=(liveness malformed checksum scope get list health post)
declare -A LABELS=(
  [liveness]="GET /health/liveness (ceiling)" [malformed]="401 malformed key"
  [checksum]="401 key with a bad checksum" [scope]="403 valid key, missing scope"
  [get]="GET /runs/{id} (completed)" [list]="GET /runs?limit=20" [health]="GET /health"
  [post]="POST /runs (sandbox)")

# Seconds the JIT compilers have worked so far (jstat -compiler, column Time).
jit_seconds() { jstat -compiler "$server" | awk 'NR == 2 {print $4}'; }
# Warm-up passes over every row until the JIT is quiet: compiling for less than 5 % of one core during
# a pass (on a slow 2-core machine C2 was still compiling for minutes, half the CPU, which no row
# measured then could escape), at most MAX_WARMUP_PASSES.
warmup_passes=0
while :; do
  jit_before=$(jit_seconds)
  pass_started=$(date +%s)
  for name in "${ROWS[@]}"; do
    row_args "$name"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${args[@]}" > /dev/null
    drain
  done
  warmup_passes=$((warmup_passes + 1))
  jit_pass=$(python3 -c "print(round($(jit_seconds) - $jit_before, 1))")
  pass_seconds=$(($(date +%s) - pass_started))
  if python3 -c "import sys; sys.exit(0 if $jit_pass < 0.05 * $pass_seconds else 1)" \
    || [ "$warmup_passes" -ge "$MAX_WARMUP_PASSES" ]; then
    break
  fi
done

# measure ROW: sets rps and line (the table row without its ratio).
measure() {
  row_args "$1"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$REWARM" "${args[@]}" > /dev/null
  drain
  local out non2xx
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${args[@]}")
  drain
  rps=$(awk '/Requests\/sec/ {printf "%d", $2}' <<< "$out")
  non2xx=$( (grep -o 'Non-2xx or 3xx responses: [0-9]*' <<< "$out" || echo ': 0') | awk -F': ' '{print $2}')
  line=$(printf '| %-32s | %7s | %%5.3f | %8s | %8s | %8s |' "${LABELS[$1]}" "$rps" \
    "$(awk '$1 == "50%" {print $2}' <<< "$out")" "$(awk '$1 == "99%" {print $2}' <<< "$out")" "$non2xx")
}
# Every row is measured between two measurements of the ceiling, and its ratio is to the faster of
# those two: on a shared virtual machine the ceiling drifts by a tenth or more within minutes, so a
# ratio to a ceiling measured minutes away measures the drift as much as the row. The last column
# is the ratio to the fastest ceiling of the whole run, the most demanding reading.
declare -A RPS LINES NEAR
CEILINGS=()
# measure_ceiling: one more liveness measurement; ceiling and ceiling_min follow the fastest and slowest.
measure_ceiling() {
  measure liveness
  CEILINGS+=("$rps")
  if [ "${#CEILINGS[@]}" = 1 ] || [ "$rps" -gt "$ceiling" ]; then ceiling=$rps; LINES[liveness]=$line; fi
  if [ "${#CEILINGS[@]}" = 1 ] || [ "$rps" -lt "$ceiling_min" ]; then ceiling_min=$rps; fi
}
measure_ceiling
for name in "${ROWS[@]:1}"; do
  before=${CEILINGS[-1]}
  measure "$name"
  RPS[$name]=$rps
  LINES[$name]=$line
  measure_ceiling
  NEAR[$name]=$((before > rps ? before : rps))
done
RPS[liveness]=$ceiling
NEAR[liveness]=$ceiling
results=()
for name in "${ROWS[@]}"; do
  # shellcheck disable=SC2059
  row=$(printf "${LINES[$name]}" "$(python3 -c "print(${RPS[$name]} / ${NEAR[$name]})")")
  results+=("$row $(printf '%7s | %5.3f |' "${NEAR[$name]}" "$(python3 -c "print(${RPS[$name]} / $ceiling)")")")
done

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
-- Each copy is planned as the first run was: its checks, in their order, as a queued run keeps them.
insert into runs (id, tenant_id, environment, template_id, template_version, subject_type, subject_doc,
    subject_name, external_id, status, created_by_key, created_at, updated_at, rule_outcomes, would_charge,
    planned_checks)
  select b.id, r.tenant_id, r.environment, r.template_id, r.template_version, r.subject_type, r.subject_doc,
    r.subject_name, 'bench-backlog', 'queued', r.created_by_key, now(), now(), r.rule_outcomes, r.would_charge,
    (select jsonb_agg(jsonb_build_object('source', s.source, 'required', s.required, 'timeout_ms', s.timeout_ms,
        'cost', s.cost) order by s.position) from run_sources s where s.run_id = r.id)
  from backlog b, runs r where r.id = '$run';
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

# The plans of the run list (the server's statement for a first page) and of the worker's claim, on the database the load left behind (the
# server stopped; 128 runs queued again so the claim has work; the claim itself rolled back).
plans=$("${PSQL[@]}" -d "$DB" << SQL
update runs set status = 'queued', completed_at = null
  where id in (select id from runs where external_id = 'bench-backlog' order by created_at limit 128);
analyze runs;
analyze run_sources;
select count(*) || ' runs, ' || count(*) filter (where status = 'queued') || ' queued' from runs;
explain (analyze, buffers, costs off, timing off)
  select page.page_id, page.page_created_at, page.page_status, r.* from
    (select id as page_id, created_at as page_created_at, status as page_status from runs
      where tenant_id = '$tenant' and environment = 'sandbox' order by created_at desc, id desc limit 21) page
  left join lateral (select id, tenant_id, environment, template_id, template_version, subject_type, subject_doc,
      subject_name, external_id, status, decision, completeness, compliance_alert, credits_charged, would_charge,
      created_by_key, created_at, updated_at, completed_at from runs
    where id = page.page_id and page.page_status not in ('completed', 'failed') offset 0) r on true
  order by page.page_created_at desc, page.page_id desc;
begin;
explain (analyze, buffers, costs off, timing off)
  with claimable as materialized (select id from runs where environment = any('{sandbox}')
    and (status = 'queued' or (status = 'running' and lease_expires_at < now()))
    order by created_at limit 64 for update skip locked)
  update runs r set status = 'running', lease_owner = 'explain', lease_expires_at = now() + interval '30 s',
    attempts = r.attempts + 1, started_at = coalesce(r.started_at, now()), updated_at = now()
  from claimable c where r.id = c.id
  returning r.*;
rollback;
SQL
)

echo
echo "bench/run.sh: wrk -t$THREADS -c$CONNECTIONS -d$DURATION per row, after $warmup_passes warm-up passes of $WARMUP per row" \
  "(JIT compiling ${jit_pass} s in the last, of ${pass_seconds} s) and a $REWARM re-warm; $(nproc) cores; server, PostgreSQL" \
  "and wrk on one machine; JVM: ${jvm[*]}"
echo "load before: $load_before"
[ "$autovacuum" = on ] || echo "PostgreSQL's autovacuum is off here: the bench ran VACUUM (ANALYZE) in its stead, between rows, at most once a minute"
echo
echo "| request | req/s | × liveness | p50 | p99 | non-2xx | liveness next to it | × fastest liveness |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${results[@]}"
echo "(the ceiling, GET /health/liveness, measured ${#CEILINGS[@]} times, before and after every row: ${CEILINGS[*]} req/s, from $ceiling_min to $ceiling; × liveness is to the faster of the two next to the row, the last column to the fastest)"
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

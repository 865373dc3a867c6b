# Shared by bench/run.sh and bench/jfr-top.sh (sourced, not run): a throwaway database, a tenant with
# a PF template and two sandbox keys made with the CLI, and the jar started with bin/jvm-flags.
# Needs wrk (apt-get install -y wrk), curl, python3, psql and PostgreSQL on 127.0.0.1:5432 (user postgres).

DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-1}"
PORT="${PORT:-18090}"
DB="kycert_bench_$$"
JAR="${JAR:-server/target/kycert-server.jar}"
BASE="http://127.0.0.1:$PORT"
API="$BASE/api/v1/bureau"
PSQL=(psql -h 127.0.0.1 -U postgres -qAtX)

for tool in wrk curl python3 psql jstat; do
  command -v "$tool" > /dev/null || { echo "bench needs $tool" >&2; exit 1; }
done
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package

work=$(mktemp -d)
server=
bench_cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2> /dev/null || true
    wait "$server" 2> /dev/null || true
  fi
  [ -n "${KEEP_DB:-}" ] || "${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" 2> /dev/null || true
  rm -rf "$work"
}
trap bench_cleanup EXIT

"${PSQL[@]}" -d postgres -c "create database $DB"
export DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
export MICRONAUT_SERVER_PORT="$PORT"
export KYCERT_MANAGEMENT_PORT="${MANAGEMENT_PORT:-$((PORT + 1))}"
# A development machine: the public development pepper is allowed (README, "Configuration").
export KYCERT_DEVELOPMENT="${KYCERT_DEVELOPMENT:-true}"
# The benchmark measures the server, not the limiter: the buckets still run, at their 100,000 req/s maximum.
export KYCERT_RATE_LIMITS_SANDBOX_PER_KEY=100000 KYCERT_RATE_LIMITS_SANDBOX_PER_TENANT=100000

cli() { java -jar "$JAR" "$@" 2> /dev/null; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
tenant=$(cli tenants create --name "Bench" --json | field id)
template=$(cli templates create --tenant "$tenant" --name PF --subject-type pf --json | field id)
key=$(cli keys create --tenant "$tenant" --name bench --env sandbox --scopes runs:write,runs:read --json | field key)
# A valid key without runs:read: GET /runs/{id} answers 403.
writer=$(cli keys create --tenant "$tenant" --name writer --env sandbox --scopes runs:write --json | field key)

# Starts the server with bin/jvm-flags. Where the jar has no class-data archive yet, a first start
# serves one request of each kind and stops, which writes it (bin/jvm-flags), so start-up is
# measured as every later start of this jar performs.
# bench_launch sets first_ms (launch to the first 200 of /health/liveness) and ready_ms (to
# the first 200 of /health, PostgreSQL checked).
bench_start() {
  read -ra jvm <<< "$(bin/jvm-flags "$JAR") ${KYCERT_JAVA_OPTS:-}"
  if [[ "${jvm[*]}" == *ArchiveClassesAtExit* ]]; then
    bench_launch
    bench_requests
    kill "$server"
    wait "$server" 2> /dev/null || true
    read -ra jvm <<< "$(bin/jvm-flags "$JAR") ${KYCERT_JAVA_OPTS:-}"
  fi
  bench_launch
  bench_requests
}

bench_launch() {
  local started
  started=$(date +%s%N)
  java "${jvm[@]}" "$@" -jar "$JAR" serve > "$work/server.log" 2>&1 &
  server=$!
  first_ms=
  ready_ms=
  for _ in $(seq 1 3000); do
    if [ -z "$first_ms" ] && curl -fs -o /dev/null "$BASE/health/liveness"; then
      first_ms=$((($(date +%s%N) - started) / 1000000))
    fi
    if [ -n "$first_ms" ] && curl -fs -o /dev/null "$BASE/health"; then
      ready_ms=$((($(date +%s%N) - started) / 1000000))
      break
    fi
    kill -0 "$server" 2> /dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.01
  done
  [ -n "$ready_ms" ] || { echo "the server did not become ready" >&2; exit 1; }
}

# One run created and followed to completion ($run), one listing, one refusal; writes post.lua.
bench_requests() {
  body="{\"template_id\":\"$template\",\"subject\":{\"type\":\"pf\",\"doc\":\"900.000.001-75\",\"name\":\"Bench\"}}"
  curl -sS -X POST "$API/runs" -H "X-API-Key: $key" -H "Content-Type: application/json" -d "$body" > "$work/first.json"
  run=$(field id < "$work/first.json" 2> /dev/null) || { cat "$work/first.json" "$work/server.log" >&2; exit 1; }
  for _ in $(seq 1 500); do
    [ "$(curl -fs "$API/runs/$run" -H "X-API-Key: $key" | field status)" = completed ] && break
    sleep 0.02
  done
  curl -fs -o /dev/null "$API/runs?limit=20" -H "X-API-Key: $key"
  curl -s -o /dev/null "$API/runs/$run" -H "X-API-Key: $writer"
  cat > "$work/post.lua" << LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = "$key"
LUA
}

# PostgreSQL's default is autovacuum = on; some machines turn it off (a CI image's conf.d). Without it the
# tables the load grows are never analyzed nor vacuumed: plans cached while they were small stay (the
# settlement's join became a sequential scan of run_sources, seconds per batch) and dead versions pile
# up. Where it is off, the bench stands in for it, as its default naptime would: at most once a minute,
# between rows (after a drain), never during a measured one.
autovacuum=$("${PSQL[@]}" -d "$DB" -c "show autovacuum")
vacuumed_at=0
stand_in_for_autovacuum() {
  [ "$autovacuum" = off ] || return 0
  [ $(($(date +%s) - vacuumed_at)) -ge 60 ] || return 0
  "${PSQL[@]}" -d "$DB" -c "vacuum (analyze)"
  vacuumed_at=$(date +%s)
}

# Waits until the worker has finished every run.
drain() {
  for _ in $(seq 1 6000); do
    if [ "$("${PSQL[@]}" -d "$DB" -c "select count(*) from runs where status in ('queued', 'running')")" = 0 ]; then
      stand_in_for_autovacuum
      return
    fi
    sleep 0.1
  done
  echo "runs still queued after 10 minutes" >&2
  exit 1
}

# The wrk arguments of a named row (bench/run.sh prints them all; bench/jfr-top.sh profiles one).
row_args() {
  local typo="${key%?}$([ "${key: -1}" = x ] && echo y || echo x)"
  case "$1" in
    liveness) args=("$BASE/health/liveness") ;;
    malformed) args=(-H "X-API-Key: not-a-key" "$API/runs/$run") ;;
    checksum) args=(-H "X-API-Key: $typo" "$API/runs/$run") ;;
    scope) args=(-H "X-API-Key: $writer" "$API/runs/$run") ;;
    get) args=(-H "X-API-Key: $key" "$API/runs/$run") ;;
    list) args=(-H "X-API-Key: $key" "$API/runs?limit=20") ;;
    health) args=("$BASE/health") ;;
    post) args=(-s "$work/post.lua" "$API/runs") ;;
    *) echo "unknown row $1 (liveness malformed checksum scope get list health post)" >&2; exit 1 ;;
  esac
}

#!/usr/bin/env bash
# Authenticated GET throughput beside an unauthenticated endpoint, in the same run, with wrk
# against the running jar on loopback. Usage: bench/auth-throughput.sh  (DURATION, CONNECTIONS,
# THREADS, PORT, WARMUP may be set). Needs wrk (apt-get install -y wrk) and the local PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-1}"
PORT="${PORT:-18080}"
DB=kycert_bench

command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
[ -f server/target/kycert-server.jar ] || mvn -B -q -DskipTests package

psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB with (force)"
export DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
export MICRONAUT_SERVER_PORT="$PORT"
# A development machine: the public development pepper is allowed (README, "Configuration").
export KYCERT_DEVELOPMENT="${KYCERT_DEVELOPMENT:-true}"
export KYCERT_MANAGEMENT_PORT="${MANAGEMENT_PORT:-18081}"
cli() { java -jar server/target/kycert-server.jar "$@" 2> /dev/null; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

tenant=$(cli tenants create --name "Bench" --json | field id)
template=$(cli templates create --tenant "$tenant" --name PF --subject-type pf --json | field id)
key=$(cli keys create --tenant "$tenant" --name bench --env sandbox --scopes runs:write,runs:read --json | field key)

java -Xmx512m -jar server/target/kycert-server.jar serve > /tmp/kycert-bench-server.log 2>&1 &
server=$!
trap 'kill $server 2> /dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$PORT/health" > /dev/null && break
  sleep 0.5
done

run=$(curl -fs -X POST "http://127.0.0.1:$PORT/api/v1/bureau/runs" -H "X-API-Key: $key" \
  -H 'Content-Type: application/json' \
  -d "{\"template_id\":\"$template\",\"subject\":{\"type\":\"pf\",\"doc\":\"900.000.001-75\",\"name\":\"Bench\"}}" | field id)

bench() {
  local label="$1"; shift
  # Warm-up, then the measured run.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$@" > /dev/null
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
  printf '%-44s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$label" \
    "$(awk '/Requests\/sec/ {print $2}' <<< "$out")" \
    "$(awk '$1 == "50%" {print $2}' <<< "$out")" \
    "$(awk '$1 == "99%" {print $2}' <<< "$out")" \
    "$( (grep -o 'Non-2xx or 3xx responses: [0-9]*' <<< "$out" || echo ': 0') | awk -F': ' '{print $2}')"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores, server and wrk on one machine"
bench "GET /health (no auth)" "http://127.0.0.1:$PORT/health"
bench "GET /api/v1/bureau/runs/{id} (X-API-Key)" -H "X-API-Key: $key" "http://127.0.0.1:$PORT/api/v1/bureau/runs/$run"
bench "GET /api/v1/bureau/runs (X-API-Key, list)" -H "X-API-Key: $key" "http://127.0.0.1:$PORT/api/v1/bureau/runs?limit=20"
last="${key: -1}"; typo="${key%?}$([ "$last" = x ] && echo y || echo x)"
bench "GET /api/v1/bureau/runs (bad checksum: 401)" -H "X-API-Key: $typo" "http://127.0.0.1:$PORT/api/v1/bureau/runs"

#!/usr/bin/env bash
# Where one request's time goes: records a JFR profile of the server during a wrk run of one row of
# bench/run.sh and prints the hottest frames, the time by layer, and the CPU the JVM and this
# database's PostgreSQL backends used per request.
# Usage: bench/jfr-top.sh ROW   (ROW: liveness malformed checksum scope get list health post;
#        environment as bench/run.sh; TOP=25 frames; JFR_OUT=file keeps the recording)
set -euo pipefail
cd "$(dirname "$0")/.."
ROW="${1:-post}"
TOP="${TOP:-25}"
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_start
row_args "$ROW"
recording="${JFR_OUT:-$work/profile.jfr}"

ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2> /dev/null || echo 0; }
backends() { "${PSQL[@]}" -d postgres -c "select pid from pg_stat_activity where datname = '$DB'"; }
db_ticks() { local t=0; for p in $(backends); do t=$((t + $(ticks "$p"))); done; echo "$t"; }

wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${args[@]}" > /dev/null
drain
jcmd "$server" JFR.start name=bench settings=profile filename="$recording" > /dev/null
jvm0=$(ticks "$server"); db0=$(db_ticks)
out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "${args[@]}")
jvm1=$(ticks "$server"); db1=$(db_ticks)
jcmd "$server" JFR.stop name=bench > /dev/null
requests=$(awk '/requests in/ {print $1}' <<< "$out")
hz=$(getconf CLK_TCK)

echo "row $ROW: wrk -t$THREADS -c$CONNECTIONS -d$DURATION ${args[*]}"
grep -E 'Requests/sec|Latency' <<< "$out"
python3 - "$requests" "$hz" "$((jvm1 - jvm0))" "$((db1 - db0))" << PY
import sys
n, hz, jvm, db = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
print(f"CPU per request: JVM {jvm / hz / n * 1e6:.0f} µs, PostgreSQL backends of this database {db / hz / n * 1e6:.0f} µs")
PY
jfr summary "$recording" | grep -E 'jdk.ExecutionSample|jdk.ObjectAllocationSample|jdk.JavaMonitorEnter|jdk.ThreadPark|jdk.GarbageCollection ' || true
jfr print --events jdk.ExecutionSample --stack-depth 96 "$recording" | python3 -c '
import re, sys, collections
top, own, layers, threads, total = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter(), 0
# The first matching pattern, from the top of the stack down (JDK frames skipped), names the layer of a sample.
LAYERS = [
    ("PostgreSQL driver (JDBC, socket)", r"^org\.postgresql\."),
    ("connection pool (Hikari)", r"^com\.zaxxer\.hikari\."),
    ("JSON (serde, Jackson)", r"^(io\.micronaut\.serde|com\.fasterxml\.jackson|io\.micronaut\.json)\."),
    ("logging", r"^(ch\.qos\.logback|org\.slf4j)\."),
    ("metrics (Micrometer)", r"^io\.micrometer\."),
    ("security (micronaut-security)", r"^io\.micronaut\.security\."),
    ("validation", r"^io\.micronaut\.validation\."),
    ("kycert code", r"^br\.com\.kycert\."),
    ("Micronaut HTTP, routing, filters", r"^io\.micronaut\.(http|web|runtime|core|context|inject|aop|scheduling|data|transaction|jdbc)\."),
    ("Netty (event loop, codecs, sockets)", r"^io\.netty\."),
    ("JDK", r"^(java|javax|jdk|sun)\."),
]
def layer(frames):
    # The JDK only when no frame of a library or of kycert is on the stack.
    for frame in frames:
        for name, pattern in LAYERS[:-1]:
            if re.match(pattern, frame):
                return name
    return "JDK" if any(re.match(LAYERS[-1][1], f) for f in frames) else "other"
frames, thread = [], None
def flush():
    global total
    if not frames:
        return
    total += 1
    top[frames[0]] += 1
    for f in set(frames):
        if f.startswith("br.com.kycert."):
            own[f] += 1
    layers[layer(frames)] += 1
    threads[re.sub(r"[-#]?\d+$", "", thread or "?")] += 1
for line in sys.stdin:
    s = line.strip()
    if s.startswith("jdk.ExecutionSample"):
        flush(); frames = []; thread = None
    elif s.startswith("sampledThread"):
        m = re.search(r"\"(.*?)\"", s); thread = m.group(1) if m else None
    elif re.match(r"^[\w$.]+\(.*\)\s+line:", s):
        frames.append(re.sub(r"\s+line:.*", "", s))
flush()
def show(title, counter, k):
    print(f"\n{title} (of {total} samples)")
    for name, c in counter.most_common(k):
        print(f"  {100 * c / total:5.1f}%  {name}")
show("Layer of the topmost non-JDK frame", layers, 20)
show("Threads", threads, 10)
show("Top frames (self time)", top, '"$TOP"')
show("kycert methods on the stack (inclusive)", own, 15)
'

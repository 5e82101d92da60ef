#!/usr/bin/env bash
# Load benchmark of cassguard (issue 8): starts the JVM build standalone, drives it over HTTPS keep-alive with
# wrk from a second process, and prints one table row per scenario and load. Build first with the README's first
# command (./mvnw -B -ntp package -DskipTests); this script builds nothing.
#   bench/run.sh                              full run: a first warm-up of the mixed scenario, then per scenario a
#                                             warm-up, 32 connections flat out, and a fixed 500 requests/s
#   DURATION=5s WARMUP=3s bench/run.sh        a quick look
#   SCENARIOS="mutate mixed" bench/run.sh     some scenarios only
#   PORT=28443 MANAGEMENT_PORT=29000 bench/run.sh   other ports, when 8443/9000 are taken by another run
# Every answer is checked (HTTP 200, the request's uid, the expected decision); errors = socket errors, timeouts
# (no answer within TIMEOUT) and wrong answers. The script fails when a row has errors or no requests at all.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-15s}"
JIT_WARMUP="${JIT_WARMUP:-60s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
RATE="${RATE:-500}"
RATE_CONNECTIONS="${RATE_CONNECTIONS:-10}"
TIMEOUT="${TIMEOUT:-2s}"
# validate-allow, validate-cassandradatacenter and validate-k8ssandracluster one after the other: the same change of
# the same datacenter in each operator's kind, measured side by side in one run
SCENARIOS="${SCENARIOS:-validate-allow validate-cassandradatacenter validate-k8ssandracluster validate-upgrade validate-upgrade-cassandradatacenter validate-upgrade-k8ssandracluster validate-deny validate-statefulset mutate mixed}"
# the settings of the README and the image: jvm.options and the AppCDS archive `./mvnw package` records
JAVA_OPTS="${JAVA_OPTS:-@jvm.options -XX:SharedArchiveFile=target/quarkus-app/app-cds.jsa}"
# as in the image (Dockerfile.jvm)
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
PORT="${PORT:-8443}"
MANAGEMENT_PORT="${MANAGEMENT_PORT:-9000}"
BASE="https://127.0.0.1:$PORT"
LUA=bench/wrk/admission.lua
FIX=bench/fixtures

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[[ -f target/quarkus-app/quarkus-run.jar ]] || { echo "build first: ./mvnw -B -ntp package -DskipTests" >&2; exit 1; }
source bench/ports.sh
require_free_ports "$PORT" "$MANAGEMENT_PORT"

# scenario name, then PATH=FILE=EXPECTED-DECISION triples (sent round-robin)
declare -A scenario=(
  [validate-allow]="/validate=$FIX/validate-allow.json=allowed"
  [validate-cassandradatacenter]="/validate=$FIX/validate-cassandradatacenter.json=allowed"
  [validate-k8ssandracluster]="/validate=$FIX/validate-k8ssandracluster.json=allowed"
  [validate-upgrade]="/validate=$FIX/validate-upgrade.json=allowed"
  [validate-upgrade-cassandradatacenter]="/validate=$FIX/validate-upgrade-cassandradatacenter.json=allowed"
  [validate-upgrade-k8ssandracluster]="/validate=$FIX/validate-upgrade-k8ssandracluster.json=allowed"
  [validate-deny]="/validate=$FIX/validate-deny.json=denied"
  [validate-statefulset]="/validate=$FIX/validate-statefulset.json=allowed"
  [mutate]="/mutate=$FIX/mutate.json=mutated"
)
scenario[mixed]="${scenario[validate-allow]} ${scenario[validate-deny]} ${scenario[validate-statefulset]} ${scenario[mutate]}"

mkdir -p target && work=$(mktemp -d target/bench.XXXXXX)
pid=
stop() { local status=$?; [[ -z "$pid" ]] || { kill "$pid"; wait "$pid" || true; } 2>/dev/null; rm -rf "$work"; exit "$status"; }
trap stop EXIT

# The audit file sits under target/, on the disk of the build (a denial is forced to it before the answer, a mutation written);
# the audit log lines go to a file, as a container's stdout does.
start=$(date +%s%N)
# shellcheck disable=SC2086
java $JAVA_OPTS -Dquarkus.http.ssl-port="$PORT" -Dquarkus.management.port="$MANAGEMENT_PORT" \
  -Dcassguard.cluster.mode=standalone -Dcassguard.audit.file="$work/audit.jsonl" \
  -jar target/quarkus-app/quarkus-run.jar >"$work/service.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
  sleep 0.02
done
ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }

failed=0
load() { # connections rate duration triples... ; prints the RESULT fields of wrk
  local connections=$1 rate=$2 duration=$3; shift 3
  WRK_RATE=$rate WRK_THREADS=$THREADS wrk -t"$THREADS" -c"$connections" -d"$duration" --timeout "$TIMEOUT" \
    -s "$LUA" "$BASE" -- "$@" | sed -n 's/^RESULT //p'
}

row() { # name connections rate triples...
  local name=$1 connections=$2 rate=$3; shift 3
  local rps p50 p95 p99 max errors requests socket timeout bad
  eval "$(load "$connections" "$rate" "$DURATION" "$@")"
  if (( errors > 0 || requests == 0 )); then
    failed=1
    echo "$name: $requests requests, $socket socket errors, $timeout timeouts, $bad wrong answers" >&2
  fi
  printf '| %-36s | %-11s | %10s | %6s | %6s | %6s | %6s | %6s | %6s |\n' \
    "$name" "$( ((rate > 0)) && echo "$connections @$rate/s" || echo "$connections")" \
    "$rps" "$p50" "$p95" "$p99" "$max" "$errors" "$(rss_mb)"
}

echo "startup to ready: ${ready_ms} ms ($(grep -o 'started in [0-9.]*s' "$work/service.log"); JAVA_OPTS: $JAVA_OPTS)"
echo "$(nproc) cores, wrk -t$THREADS; $JIT_WARMUP first warm-up, then per scenario $WARMUP warm-up + $DURATION per row;" \
  "timeout $TIMEOUT"
echo
# With 2 cores the JIT compiler competes with the load: the hot paths (down to the TLS decryption, which stays
# in C1-compiled code for the first 20-30 s) need about a minute of load before the figures settle.
read -r -a triples <<<"${scenario[mixed]}"
load "$CONNECTIONS" 0 "$JIT_WARMUP" "${triples[@]}" >/dev/null
echo "| scenario                             | connections | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors | RSS MB |"
echo "|--------------------------------------|-------------|------------|--------|--------|--------|--------|--------|--------|"
for name in $SCENARIOS; do
  read -r -a triples <<<"${scenario[$name]:?unknown scenario $name}"
  load "$CONNECTIONS" 0 "$WARMUP" "${triples[@]}" >/dev/null
  row "$name" "$CONNECTIONS" 0 "${triples[@]}"
  row "$name" "$RATE_CONNECTIONS" "$RATE" "${triples[@]}"
done
echo
records=$(curl -s http://127.0.0.1:$MANAGEMENT_PORT/q/metrics |
  awk '/^cassguard_audit_records_total/ && /sink="file"/ && /outcome="written"/ { printf "%d", $2 }')
echo "RSS after the runs: $(rss_mb) MB; audit records written: ${records:-0}"
exit "$failed"

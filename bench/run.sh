#!/usr/bin/env bash
# Load benchmark of cassguard (issue 8): starts the JVM build standalone, drives it over HTTPS keep-alive with
# wrk from a second process, and prints one table row per scenario. Build first with the README's first
# command (./mvnw package -DskipTests); this script builds nothing.
#   bench/run.sh                 full run (warm-up + measurement per scenario)
#   DURATION=5s WARMUP=3s bench/run.sh   a quick look
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
JAVA_OPTS="${JAVA_OPTS:--Xmx256m -XX:+UseParallelGC}"
BASE="https://127.0.0.1:8443"
LUA=bench/wrk/admission.lua
FIX=bench/fixtures

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[[ -f target/quarkus-app/quarkus-run.jar ]] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

start=$(date +%s%N)
# shellcheck disable=SC2086
java $JAVA_OPTS -Dcassguard.cluster.mode=standalone -Dcassguard.audit.file="$work/audit.jsonl" \
  -Dquarkus.log.level=WARN -jar target/quarkus-app/quarkus-run.jar >"$work/service.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null http://127.0.0.1:9000/q/health/ready; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/service.log"; exit 1; }
  sleep 0.05
done
ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }

# scenario name, then PATH=FILE pairs
scenarios=(
  "validate-allow /validate=$FIX/validate-allow.json"
  "validate-deny /validate=$FIX/validate-deny.json"
  "validate-statefulset /validate=$FIX/validate-statefulset.json"
  "mutate /mutate=$FIX/mutate.json"
  "mixed /validate=$FIX/validate-allow.json /validate=$FIX/validate-deny.json /validate=$FIX/validate-statefulset.json /mutate=$FIX/mutate.json"
)

row() { # name connections delay-ms pairs...
  local name=$1 connections=$2 delay=$3; shift 3
  local result
  result=$(WRK_DELAY_MS=$delay wrk -t"$THREADS" -c"$connections" -d"$DURATION" -s "$LUA" "$BASE" -- "$@" | grep '^RESULT')
  # shellcheck disable=SC2086
  local $(echo "${result#RESULT }")
  printf '| %-20s | %11s | %10s | %6s | %6s | %6s | %6s | %6s | %7s |\n' \
    "$name" "$connections" "$rps" "$p50" "$p95" "$p99" "$max" "$errors" "$(rss_mb)"
}

echo "startup to ready: ${ready_ms} ms (JAVA_OPTS: $JAVA_OPTS)"
echo
echo "| scenario             | connections |  requests/s | p50 ms | p95 ms | p99 ms | max ms | errors | RSS MB |"
echo "|----------------------|-------------|-------------|--------|--------|--------|--------|--------|---------|"
for scenario in "${scenarios[@]}"; do
  read -r -a parts <<<"$scenario"
  name=${parts[0]}
  pairs=("${parts[@]:1}")
  WRK_DELAY_MS=0 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$LUA" "$BASE" -- "${pairs[@]}" >/dev/null
  row "$name" "$CONNECTIONS" 0 "${pairs[@]}"
  # about 500 requests/s: 10 connections, each pausing 20 ms between requests
  row "$name @500/s" 10 20 "${pairs[@]}"
done
echo
echo "RSS after the runs: $(rss_mb) MB"

#!/usr/bin/env bash
# Cost-growth benchmark (issue 19): cassguard's memory and admission latency as the cluster it watches grows. For each
# size and build, a fabric8 mock API server (CRUD mode, in a JVM of its own: its memory is not counted) starts empty,
# cassguard starts in-cluster against it, and once cassguard is ready the server is filled with that many
# StatefulSets (3 % of them Cassandra racks, three per cluster, each cluster in a namespace of its own; the rest
# spread over 200 namespaces) and CLUSTERS CassandraClusters, every object with kubectl apply's managedFields and
# last-applied annotation (io.cassguard.support.CrowdedApiServer): cassguard's watches receive them one by one, as a
# cluster grows. (The mock server does not page lists; a real API server sends a restarting cassguard its first
# lists in the pages of 500 it asks for.) Once filled and settled, the row gives:
#   RSS MB        VmRSS of the process as it is (no GC forced), before the load and after it
#   heap MB       heap used after a full GC (jcmd GC.run, then GC.heap_info), after the load: what the caches hold
#   p50/p99 ms    bench/fixtures/validate-statefulset.json (an upgrade of a rack of namespace cassandra, whose sibling
#                 racks the caches hold) at a fixed RATE over RATE_CONNECTIONS connections, after a WARMUP
# Build first: ./mvnw -B -ntp package -DskipTests (the jar and the test classes); this script builds nothing but the
# test class path file (target/growth.classpath, from Maven).
#   bench/growth.sh                                   0, 1,000 and 10,000 StatefulSets, 500 CassandraClusters
#   SIZES="0 10000" DURATION=10s WARMUP=10s bench/growth.sh      a quick look
#   JAVA_OPTS="-Xmx128m ..." bench/growth.sh          other JVM settings (default: bench/run.sh's, jvm.options)
#   BUILDS="before=../old/target/quarkus-app/quarkus-run.jar after=target/quarkus-app/quarkus-run.jar" bench/growth.sh
#                                                     several builds, one after the other, each against a server
#                                                     of its own
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-0 1000 10000}"
CLUSTERS="${CLUSTERS:-500}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-30s}"
SETTLE="${SETTLE:-15}"
READY_TIMEOUT="${READY_TIMEOUT:-300}"  # seconds; a build not ready by then (e.g. out of heap while listing) gets a row saying so
RATE="${RATE:-500}"
RATE_CONNECTIONS="${RATE_CONNECTIONS:-10}"
THREADS="${THREADS:-2}"
TIMEOUT="${TIMEOUT:-2s}"
JAVA_OPTS="${JAVA_OPTS:-@jvm.options -XX:SharedArchiveFile=target/quarkus-app/app-cds.jsa}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
MOCK_OPTS="${MOCK_OPTS:--Xmx3g -XX:+UseParallelGC}"
# other ports than bench/run.sh's (8443, 9000) let both run on one machine, one after the other or not
HTTPS_PORT="${HTTPS_PORT:-8443}"
MANAGEMENT_PORT="${MANAGEMENT_PORT:-9000}"
BASE="https://127.0.0.1:$HTTPS_PORT"
REQUEST="/validate=bench/fixtures/validate-statefulset.json=allowed"
BUILDS="${BUILDS:-this=target/quarkus-app/quarkus-run.jar}"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v jcmd >/dev/null || { echo "jcmd is missing (a JDK, not a JRE)" >&2; exit 1; }
[[ -f target/quarkus-app/quarkus-run.jar && -f target/test-classes/io/cassguard/support/CrowdedApiServer.class ]] ||
  { echo "build first: ./mvnw -B -ntp package -DskipTests" >&2; exit 1; }
source bench/ports.sh
require_free_ports "$HTTPS_PORT" "$MANAGEMENT_PORT"
[[ -f target/growth.classpath ]] || ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/growth.classpath >&2
classpath="target/test-classes:target/classes:$(cat target/growth.classpath)"

mkdir -p target && work=$(mktemp -d target/growth.XXXXXX)
pid='' mock=''
stop_all() {
  # SIGKILL: a service whose heap is full (the 10,000 row of a build without slim caches) takes minutes to stop
  for p in $pid $mock; do { kill -KILL "$p" && wait "$p"; } 2>/dev/null || true; done
  pid='' mock=''
}
finish() { local status=$?; stop_all; rm -rf "$work"; exit "$status"; }
trap finish EXIT

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }
heap_mb() {
  jcmd "$pid" GC.run >/dev/null
  # the "total ..., used NK" line of each generation (ParallelGC, Serial) or of the whole heap (G1); Metaspace has no total
  jcmd "$pid" GC.heap_info | awk '/total/ { for (i = 1; i < NF; i++) if ($i == "used") { sub("K.*", "", $(i+1)); kb += $(i+1) } }
    END { printf "%.0f", kb / 1024 }'
}

echo "JAVA_OPTS: $JAVA_OPTS; $(nproc) cores; $CLUSTERS CassandraClusters; validate-statefulset at $RATE/s over" \
  "$RATE_CONNECTIONS connections, $WARMUP warm-up + $DURATION"
echo
echo "| build  | StatefulSets | Cassandra racks | ready s | RSS MB ready | RSS MB after load | heap MB after GC | p50 ms | p99 ms | errors |"
echo "|--------|--------------|-----------------|---------|--------------|-------------------|------------------|--------|--------|--------|"
failed=0
for size in $SIZES; do
  for build in $BUILDS; do
    mkfifo "$work/fill-$size"
    # shellcheck disable=SC2086
    java $MOCK_OPTS -cp "$classpath" io.cassguard.support.CrowdedApiServer "$size" "$CLUSTERS" "$work/tls" \
      <"$work/fill-$size" >"$work/mock-$size.log" 2>&1 &
    mock=$!
    exec 3>"$work/fill-$size"
    rm "$work/fill-$size"
    until grep -q '^url=' "$work/mock-$size.log" 2>/dev/null; do
      kill -0 "$mock" 2>/dev/null || { cat "$work/mock-$size.log" >&2; exit 1; }
      sleep 0.5
    done
    url=$(sed -n 's/^url=//p' "$work/mock-$size.log")
    name=${build%%=*} jar=${build#*=}
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    java $JAVA_OPTS -Dquarkus.http.ssl-port="$HTTPS_PORT" -Dquarkus.management.port="$MANAGEMENT_PORT" \
      -Dcassguard.cluster.mode=in-cluster -Dcassguard.tls.dir="$work/tls" \
      -Dcassguard.audit.file="$work/audit-$name-$size.jsonl" -Dcassguard.leader.identity="growth-$name" \
      -Dquarkus.kubernetes-client.api-server-url="$url" -Dquarkus.kubernetes-client.namespace=cassguard \
      -Dquarkus.kubernetes-client.token=growth-bench -Dquarkus.kubernetes-client.trust-certs=true \
      -jar "$jar" >"$work/service-$name-$size.log" 2>&1 &
    pid=$!
    ready=1
    until curl -sf -o /dev/null "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready"; do
      kill -0 "$pid" 2>/dev/null || { cat "$work/service-$name-$size.log" >&2; exit 1; }
      (( $(date +%s%N) - start < READY_TIMEOUT * 1000000000 )) || { ready=0; break; }
      sleep 0.1
    done
    if (( !ready )); then
      failed=1
      printf '| %-6s | %12s | %15s | not ready in %ss: %s |\n' "$name" "$size" "$(( size * 3 / 100 ))" "$READY_TIMEOUT" \
        "$(grep -o 'OutOfMemoryError[^;]*' "$work/service-$name-$size.log" | sort -u | head -1)"
      exec 3>&-
      stop_all
      continue
    fi
    ready_s=$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN { printf "%.1f", ns / 1e9 }')
    echo fill >&3
    until grep -q '^filled' "$work/mock-$size.log"; do
      kill -0 "$mock" 2>/dev/null || { cat "$work/mock-$size.log" >&2; exit 1; }
      sleep 0.5
    done
    sleep "$SETTLE"
    rss_ready=$(rss_mb)

    WRK_RATE=$RATE WRK_THREADS=$THREADS wrk -t"$THREADS" -c"$RATE_CONNECTIONS" -d"$WARMUP" --timeout "$TIMEOUT" \
      -s bench/wrk/admission.lua "$BASE" -- "$REQUEST" >/dev/null
    p50='' p99='' errors='' requests='' socket='' timeout='' bad='' # from wrk's RESULT line
    eval "$(WRK_RATE=$RATE WRK_THREADS=$THREADS wrk -t"$THREADS" -c"$RATE_CONNECTIONS" -d"$DURATION" \
      --timeout "$TIMEOUT" -s bench/wrk/admission.lua "$BASE" -- "$REQUEST" | sed -n 's/^RESULT //p')"
    rss_load=$(rss_mb)
    heap=$(heap_mb)
    if (( errors > 0 || requests == 0 )); then
      failed=1
      echo "$name $size: $requests requests, $socket socket errors, $timeout timeouts, $bad wrong answers" >&2
    fi
    printf '| %-6s | %12s | %15s | %7s | %12s | %17s | %16s | %6s | %6s | %6s |\n' "$name" \
      "$size" "$(( size * 3 / 100 ))" "$ready_s" "$rss_ready" "$rss_load" "$heap" "$p50" "$p99" "$errors"
    exec 3>&-
    stop_all
  done
done
exit "$failed"

#!/usr/bin/env bash
# Startup to ready of the service as the README and the image start it (java @jvm.options with the AppCDS
# archive), with hyperfine (apt-get install hyperfine): each run starts the jar standalone, waits until
# /q/health/ready answers, and stops it. Build first: ./mvnw -B -ntp package -DskipTests.
#   bench/startup.sh                        the shipped settings, with and without the archive
#   RUNS=20 bench/startup.sh
#   JAVA_OPTS="-Xmx256m" bench/startup.sh   other settings (compared with the shipped ones)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install -y hyperfine" >&2; exit 1; }
[[ -f target/quarkus-app/quarkus-run.jar ]] || { echo "build first: ./mvnw -B -ntp package -DskipTests" >&2; exit 1; }
source bench/ports.sh
require_free_ports 9000
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
work=$(mktemp -d target/startup.XXXXXX)
trap 'rm -rf "$work"' EXIT
cat >"$work/start-once" <<'SCRIPT'
#!/usr/bin/env bash
# one start: the JVM options are the arguments; returns once the service is ready, then stops it
java "$@" -Dcassguard.cluster.mode=standalone -Dcassguard.audit.file="$WORK/audit.jsonl" \
  -jar target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null http://127.0.0.1:9000/q/health/ready; do
  kill -0 "$pid" 2>/dev/null || { cat "$WORK/service.log" >&2; exit 1; }
  sleep 0.01
done
kill -KILL "$pid"  # time to ready is what is measured, not the shutdown
wait "$pid" || true
SCRIPT
chmod +x "$work/start-once"
shipped="@jvm.options -XX:SharedArchiveFile=target/quarkus-app/app-cds.jsa"
commands=("$work/start-once $shipped" "$work/start-once @jvm.options")
[[ -z "${JAVA_OPTS:-}" ]] || commands+=("$work/start-once $JAVA_OPTS")
WORK="$work" hyperfine --warmup 1 --runs "${RUNS:-10}" --export-markdown "$work/table.md" "${commands[@]}" >&2
sed "s#$work/start-once ##" "$work/table.md"

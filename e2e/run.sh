#!/usr/bin/env bash
# End-to-end scenarios: cassguard against the real Kubernetes API server of KUBECONFIG.
#
#   e2e/run.sh
#
# Skips (exit 0, with the reason) when kubectl is missing or no API server answers. Otherwise it makes sure that
# cassguard runs locally (it starts target/quarkus-app/quarkus-run.jar in standalone mode when nothing answers on
# https://127.0.0.1:8443, building it first if needed), applies k8s/overlays/local (and the CassKop-compatible CRD
# when the cluster has no CassandraCluster CRD), runs the scenarios in a namespace of its own, and removes what it
# created. The API server must reach cassguard at https://127.0.0.1:8443: true for an API server on this host (e.g.
# e2e/local-apiserver.sh); for kind or minikube see README "Develop against a cluster".
#
# Environment: E2E_KEEP=1 keeps the namespace, webhook configurations and cassguard; CASSGUARD_AUDIT_TOKEN is sent
# as the bearer token to /audit (needed when cassguard runs in-cluster mode; standalone answers loopback callers).
# Never part of `./mvnw test`.
set -uo pipefail
cd "$(dirname "$0")/.."
work=e2e/.work
mkdir -p "$work"
url=https://127.0.0.1:8443
ns="cassguard-e2e-$(date +%s)"
admin=(--as=cassguard-e2e-admin --as-group=system:masters)
developer=(--as=cassguard-e2e-developer --as-group=system:authenticated)
passed=0
failed=0
cleanup_steps=()
skip_refusal=""

pass() { echo "PASS  $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1"; echo "      $2" | head -c 2000; echo; failed=$((failed + 1)); }
k() { kubectl "$@" 2> >(grep -v "version difference between client" >&2); }
cleanup() {
  for ((i = ${#cleanup_steps[@]} - 1; i >= 0; i--)); do eval "${cleanup_steps[i]}" >/dev/null 2>&1; done
}
trap cleanup EXIT

# --- is there a cluster? ---
if ! command -v kubectl >/dev/null; then
  echo "SKIPPED: kubectl is not installed, so there is no cluster to run the e2e scenarios against"
  exit 0
fi
if ! kubectl version --request-timeout=5s -o json >"$work/version.json" 2>"$work/version.err" \
  || ! grep -q '"serverVersion"' "$work/version.json"; then
  echo "SKIPPED: no Kubernetes API server reachable through KUBECONFIG=${KUBECONFIG:-~/.kube/config}:"
  echo "  $(grep -v 'version difference' "$work/version.err" | tail -1)"
  echo "  (point KUBECONFIG at a cluster, or start one on this machine with e2e/local-apiserver.sh start)"
  exit 0
fi
minor=$(sed -n 's/.*"minor": *"\([0-9]*\).*/\1/p' "$work/version.json" | tail -1)
echo "API server: $(sed -n 's/.*"gitVersion": *"\([^"]*\)".*/\1/p' "$work/version.json" | tail -1)"

# --- cassguard, running locally ---
[[ -f certs/ca.crt ]] || certs/make-dev-certs.sh >/dev/null
if ! curl -sf http://127.0.0.1:9000/q/health/ready >/dev/null; then
  [[ -f target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -ntp -q package -DskipTests || exit 1
  java -Dcassguard.cluster.mode="${CASSGUARD_CLUSTER_MODE:-standalone}" -jar target/quarkus-app/quarkus-run.jar \
    >"$work/cassguard.log" 2>&1 &
  cassguard_pid=$!
  [[ -n "${E2E_KEEP:-}" ]] || cleanup_steps+=("kill $cassguard_pid")
  for _ in $(seq 1 90); do curl -sf http://127.0.0.1:9000/q/health/ready >/dev/null && break; sleep 1; done
  curl -sf http://127.0.0.1:9000/q/health/ready >/dev/null || { echo "cassguard did not start: see $work/cassguard.log"; exit 1; }
  echo "cassguard started (pid $cassguard_pid, log $work/cassguard.log)"
fi

# --- CRDs and the local webhook configurations ---
validate=()
if ((minor < 27)); then
  # older API servers know no matchConditions: they drop them and call the webhooks for every StatefulSet
  echo "note: Kubernetes 1.$minor ignores matchConditions (1.27+); every StatefulSet request reaches cassguard"
  validate=(--validate=false)
fi
if ! k get crd cassandraclusters.db.orange.com >/dev/null 2>&1; then
  k apply -k k8s/crds/casskop >/dev/null || exit 1
  [[ -n "${E2E_KEEP:-}" ]] || cleanup_steps+=("kubectl delete -k k8s/crds/casskop --wait=false")
fi
if ! k get crd guardrailpolicies.cassguard.io >/dev/null 2>&1; then
  k apply -k k8s/crds >/dev/null || exit 1
  [[ -n "${E2E_KEEP:-}" ]] || cleanup_steps+=("kubectl delete -k k8s/crds --wait=false")
fi
k get validatingwebhookconfiguration cassguard >/dev/null 2>&1 || created_webhooks=1
k apply "${validate[@]}" -k k8s/overlays/local >/dev/null || exit 1
if [[ -n "${created_webhooks:-}" && -z "${E2E_KEEP:-}" ]]; then
  cleanup_steps+=("kubectl delete validatingwebhookconfiguration cassguard; kubectl delete mutatingwebhookconfiguration cassguard")
fi
k wait --for condition=established --timeout=30s crd/cassandraclusters.db.orange.com crd/guardrailpolicies.cassguard.io >/dev/null

k create namespace "$ns" >/dev/null || exit 1
[[ -n "${E2E_KEEP:-}" ]] || cleanup_steps+=("kubectl delete namespace $ns --wait=false")
k apply -n "$ns" -f e2e/manifests/developer-role.yaml >/dev/null
# Deletion protection refuses to delete the test objects: allow it, then delete them (before the namespace goes).
[[ -n "${E2E_KEEP:-}" ]] || cleanup_steps+=("kubectl annotate -n $ns sts,cassandraclusters --all cassguard.io/allow-delete=true --overwrite && kubectl delete -n $ns sts,cassandraclusters --all")

# the API server picks up new webhook configurations within seconds
for _ in $(seq 1 30); do
  mutated=$(k create -n "$ns" --dry-run=server -f e2e/manifests/statefulset.yaml \
    -o jsonpath='{.metadata.annotations.cassguard\.io/mutations}' 2>/dev/null)
  [[ -n "$mutated" ]] && break
  sleep 1
done
echo "namespace $ns; scenarios:"

# --- scenarios ---
sts=statefulset/cassandra-dc1-rack1

scenario_apply_is_mutated() {
  local name="kubectl apply of a Cassandra StatefulSet gets the drain hook, and applying it again changes nothing"
  local output
  output=$(k apply -n "$ns" -f e2e/manifests/statefulset.yaml 2>&1) || { fail "$name" "$output"; return; }
  local injected prestop generation
  injected=$(k get -n "$ns" "$sts" -o jsonpath='{.metadata.annotations.cassguard\.io/mutations}')
  prestop=$(k get -n "$ns" "$sts" -o jsonpath='{.spec.template.spec.containers[?(@.name=="cassandra")].lifecycle.preStop.exec.command}')
  generation=$(k get -n "$ns" "$sts" -o jsonpath='{.metadata.generation}')
  k apply -n "$ns" -f e2e/manifests/statefulset.yaml >/dev/null
  if [[ "$injected" == *drain-hook* && "$prestop" == *"nodetool drain"* \
    && "$(k get -n "$ns" "$sts" -o jsonpath='{.metadata.generation}')" == "$generation" ]]; then
    pass "$name"
  else
    fail "$name" "cassguard.io/mutations=\"$injected\", preStop=$prestop, generation $generation -> $(k get -n "$ns" "$sts" -o jsonpath='{.metadata.generation}')"
  fi
}

scenario_scale_refused() {
  local name="kubectl scale 3 -> 1 is refused with [scale-down-step]"
  local output
  if output=$(k scale -n "$ns" "$sts" --replicas=1 2>&1); then
    fail "$name" "accepted: $output"
  elif [[ "$output" == *"[scale-down-step]"* && "$(k get -n "$ns" "$sts" -o jsonpath='{.spec.replicas}')" == 3 ]]; then
    pass "$name"
  else
    fail "$name" "$output"
  fi
}

scenario_version_skip_refused() {
  local name="a CassandraCluster upgrade 3.11 -> 5.0 is refused with [version-skip]"
  local output
  output=$(k apply -n "$ns" -f e2e/manifests/cassandracluster.yaml 2>&1) || { fail "$name" "$output"; return; }
  if skip_refusal=$(k patch -n "$ns" cassandracluster e2e --type merge \
    -p '{"spec":{"cassandraImage":"cassandra:5.0.2"}}' 2>&1); then
    fail "$name" "accepted: $skip_refusal"
  elif [[ "$skip_refusal" == *"[version-skip]"* ]]; then
    pass "$name"
  else
    fail "$name" "$skip_refusal"
  fi
}

# The refusal names the exact override; an authorised user (group system:masters) may use it, anyone else may not.
override_patch() {
  local rules
  rules=$(sed -n 's/.*cassguard\.io\/override: \\\?"\([^"\\]*\)\\\?".*/\1/p' <<<"$skip_refusal" | head -1)
  printf '{"metadata":{"annotations":{"cassguard.io/override":"%s","cassguard.io/override-reason":"e2e: planned upgrade"}},"spec":{"cassandraImage":"cassandra:5.0.2"}}' "$rules"
}

scenario_override_by_unauthorised_refused() {
  local name="the same override by a user outside spec.overrides is refused"
  [[ -n "$skip_refusal" ]] || { fail "$name" "no [version-skip] refusal to take the override from"; return; }
  local output
  if output=$(k patch -n "$ns" cassandracluster e2e --type merge -p "$(override_patch)" "${developer[@]}" 2>&1); then
    fail "$name" "accepted: $output"
  elif [[ "$output" == *"denied the request"* && "$(k get -n "$ns" cassandracluster e2e -o jsonpath='{.spec.cassandraImage}')" == cassandra:3.11.16 ]]; then
    pass "$name"
  else
    fail "$name" "$output"
  fi
}

scenario_override_by_authorised_accepted() {
  local name="the override named in the refusal, by a system:masters user, is accepted with a warning"
  [[ -n "$skip_refusal" ]] || { fail "$name" "no [version-skip] refusal to take the override from"; return; }
  local output
  if output=$(k patch -n "$ns" cassandracluster e2e --type merge -p "$(override_patch)" "${admin[@]}" 2>&1) \
    && [[ "$(k get -n "$ns" cassandracluster e2e -o jsonpath='{.spec.cassandraImage}')" == cassandra:5.0.2 ]]; then
    [[ "$output" == *Warning* ]] && pass "$name" || fail "$name" "accepted without a warning: $output"
  else
    fail "$name" "$output"
  fi
}

scenario_audit_lists_refusals() {
  local name="GET /audit lists the refusals and the override of this namespace"
  local auth=() denied overridden
  [[ -n "${CASSGUARD_AUDIT_TOKEN:-}" ]] && auth=(-H "Authorization: Bearer $CASSGUARD_AUDIT_TOKEN")
  denied=$(curl -sS --cacert certs/ca.crt "${auth[@]}" "$url/audit?namespace=$ns&decision=denied" 2>&1)
  overridden=$(curl -sS --cacert certs/ca.crt "${auth[@]}" "$url/audit?namespace=$ns&decision=overridden" 2>&1)
  if [[ "$denied" == *scale-down-step* && "$denied" == *version-skip* && "$overridden" == *version-skip* ]]; then
    pass "$name"
  else
    fail "$name" "denied: $denied | overridden: $overridden"
  fi
}

# What the API server's own authorizer says cassguard's ServiceAccount may do: SubjectAccessReviews against the
# RBAC of k8s/base. When cassguard is not installed, that RBAC is applied for the check, its namespaced part (the
# leader-election Role) into the e2e namespace, so that removing it never depends on deleting a namespace.
can() {
  kubectl create -o jsonpath='{.status.allowed}' -f - 2>/dev/null <<EOF
apiVersion: authorization.k8s.io/v1
kind: SubjectAccessReview
spec:
  user: system:serviceaccount:cassguard:cassguard
  groups: [system:serviceaccounts, system:serviceaccounts:cassguard, system:authenticated]
  resourceAttributes: {verb: "$1", group: "$2", resource: "$3", subresource: "$4", namespace: "$5", name: "$6"}
EOF
}

scenario_rbac_least_privilege() {
  local name="cassguard's ServiceAccount reads what it guards, writes only its own objects, never a workload"
  local leases=cassguard
  if ! k get clusterrole cassguard >/dev/null 2>&1; then
    k apply -n "$ns" -f k8s/base/rbac.yaml >/dev/null || { fail "$name" "cannot apply k8s/base/rbac.yaml"; return; }
    [[ -n "${E2E_KEEP:-}" ]] || cleanup_steps+=("kubectl delete -n $ns -f k8s/base/rbac.yaml")
    leases="$ns"
  fi
  local wrong=() expected verb group resource sub namespace object
  while read -r expected verb group resource sub namespace object; do
    [[ "$namespace" == cassguard ]] && namespace="$leases"
    [[ "$(can "$verb" "${group#-}" "$resource" "${sub#-}" "${namespace#-}" "${object#-}")" == "$expected" ]] \
      || wrong+=("$verb $group/$resource/$sub in '${namespace#-}' ${object#-}: expected $expected")
  done <<'CHECKS'
true  watch  apps                statefulsets      -      -         -
true  list   db.orange.com       cassandraclusters -      -         -
true  watch  cassguard.io        guardrailpolicies -      -         -
true  update cassguard.io        guardrailpolicies status -         default
true  create -                   events            -      team-a    -
true  delete wgpolicyk8s.io      policyreports     -      team-a    cassguard
true  patch  coordination.k8s.io leases            -      cassguard cassguard-leader
false patch  coordination.k8s.io leases            -      cassguard other-lease
false update apps                statefulsets      -      team-a    rack1
false patch  apps                statefulsets      scale  team-a    rack1
false delete db.orange.com       cassandraclusters -      team-a    demo
false update cassguard.io        guardrailpolicies -      -         default
false get    -                   secrets           -      cassguard -
false create -                   pods              -      team-a    -
CHECKS
  ((${#wrong[@]} == 0)) && pass "$name" || fail "$name" "${wrong[*]}"
}

scenario_apply_is_mutated
scenario_scale_refused
scenario_version_skip_refused
scenario_override_by_unauthorised_refused
scenario_override_by_authorised_accepted
scenario_audit_lists_refusals
scenario_rbac_least_privilege

echo "e2e: $passed passed, $failed failed"
((failed == 0))

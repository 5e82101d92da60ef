#!/usr/bin/env bash
# End-to-end scenarios: cassguard against the real Kubernetes API server of KUBECONFIG.
#
#   e2e/run.sh
#
# Skips (exit 0, with the reason) when kubectl is missing or no API server answers. Otherwise it makes sure that
# cassguard runs locally in the requested mode (CASSGUARD_CLUSTER_MODE: standalone, the default, or in-cluster): it
# starts target/quarkus-app/quarkus-run.jar when nothing answers on https://127.0.0.1:8443 (building it first if
# needed), and fails with the reason when a cassguard already running there runs the other mode. It applies the CRDs
# the cluster lacks (GuardrailPolicy, the CassKop-compatible CassandraCluster, PolicyReport, and cass-operator's and
# k8ssandra-operator's real CRDs read in place from ../shared/corpus) and k8s/overlays/local,
# runs the scenarios in a namespace of its own, and removes exactly what it created: objects that existed before
# (a CRD, the webhook configurations, a ClusterRole such as cassguard-audit-reader) stay as they were. A cassguard it
# starts in in-cluster mode keeps its leader Lease in the e2e namespace, which goes at the end.
# The API server must reach cassguard at https://127.0.0.1:8443: true for an API server on this host (e.g.
# e2e/local-apiserver.sh); for kind or minikube see README "Develop against a cluster".
#
# Environment: CASSGUARD_CLUSTER_MODE (above); E2E_KEEP=1 keeps the namespace, webhook configurations and cassguard;
# CASSGUARD_AUDIT_TOKEN is sent as the bearer token to /audit and /clusters (needed when cassguard runs in-cluster
# mode; standalone answers loopback callers; README "Develop against a cluster" says how to make one).
# Never part of `./mvnw test`.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
work=e2e/.work
mkdir -p "$work"
url=https://127.0.0.1:8443
ns="cassguard-e2e-$(date +%s)"
mode="${CASSGUARD_CLUSTER_MODE:-standalone}"
admin=(--as=cassguard-e2e-admin --as-group=system:masters)
developer=(--as=cassguard-e2e-developer --as-group=system:authenticated)
passed=0
failed=0
cleanup_steps=()
skip_refusal=""

pass() { echo "PASS  $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1"; echo "      $2" | head -c 2000; echo; failed=$((failed + 1)); }
skip() { echo "SKIP  $1 ($2)"; }
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
case "$mode" in
  standalone | in-cluster) ;;
  *) echo "FAILED: CASSGUARD_CLUSTER_MODE=$mode: e2e/run.sh runs against standalone or in-cluster"; exit 1 ;;
esac

k create namespace "$ns" >/dev/null || exit 1
[[ -n "${E2E_KEEP:-}" ]] || cleanup_steps+=("kubectl delete namespace $ns --wait=false")

# --- cassguard, running locally in the requested mode ---
# The mode a running cassguard reports in its readiness data (also while not ready yet), or nothing.
running_mode() {
  curl -s http://127.0.0.1:9000/q/health/ready | sed -n 's/.*"mode": *"\([a-z-]*\)".*/\1/p'
}
[[ -f certs/ca.crt ]] || certs/make-dev-certs.sh >/dev/null
running=$(running_mode)
if [[ -z "$running" ]]; then
  [[ -f target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -ntp -q package -DskipTests || exit 1
  # in-cluster mode outside a cluster: server and credentials from KUBECONFIG; the leader Lease in the e2e namespace
  java @jvm.options -XX:SharedArchiveFile=target/quarkus-app/app-cds.jsa -Dcassguard.cluster.mode="$mode" -Dcassguard.leader.namespace="$ns" -jar target/quarkus-app/quarkus-run.jar \
    >"$work/cassguard.log" 2>&1 &
  cassguard_pid=$!
  # stopped before its namespace goes (cleanup runs backwards), then the Lease it held is deleted at once rather
  # than with the namespace, whose deletion is not waited for
  [[ -n "${E2E_KEEP:-}" ]] || cleanup_steps+=("kubectl delete lease cassguard-leader -n $ns --ignore-not-found" "kill $cassguard_pid; wait $cassguard_pid")
  for _ in $(seq 1 90); do curl -sf http://127.0.0.1:9000/q/health/ready >/dev/null && break; sleep 1; done
  curl -sf http://127.0.0.1:9000/q/health/ready >/dev/null || { echo "FAILED: cassguard did not start or get ready: see $work/cassguard.log"; exit 1; }
  echo "cassguard started in $mode mode (pid $cassguard_pid, log $work/cassguard.log)"
elif [[ "$running" != "$mode" ]]; then
  echo "FAILED: the cassguard answering on 127.0.0.1:8443 runs $running mode, and $mode was asked for"
  echo "  (CASSGUARD_CLUSTER_MODE=${CASSGUARD_CLUSTER_MODE:-standalone}): stop it, or run e2e/run.sh with CASSGUARD_CLUSTER_MODE=$running"
  exit 1
else
  echo "cassguard already running in $mode mode on 127.0.0.1:8443: the scenarios run against it"
fi

# --- CRDs and the local webhook configurations ---
validate=()
if ((minor < 28)); then
  # matchConditions are on by default from 1.28 (README): older API servers drop them and call the webhooks for
  # every StatefulSet and every scale, which still works, only with more calls
  echo "note: Kubernetes 1.$minor ignores matchConditions (1.28+); every StatefulSet request reaches cassguard"
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
# cass-operator's and k8ssandra-operator's own CRDs, read in place from the corpus of real manifests (../shared, never
# copied here). kubectl create, not apply: the K8ssandraCluster CRD (1.2 MB) is far above the 256 KiB of apply's
# last-applied annotation.
corpus=../shared/corpus
declare -A operator_crds=(
  [cassandradatacenters.cassandra.datastax.com]="$corpus/cass-operator/crd/cass-operator__config__crd__bases__cassandra.datastax.com_cassandradatacenters.yaml"
  [k8ssandraclusters.k8ssandra.io]="$corpus/k8ssandra/crd/k8ssandra-operator__config__crd__bases__k8ssandra.io_k8ssandraclusters.yaml"
)
for crd in "${!operator_crds[@]}"; do
  k get crd "$crd" >/dev/null 2>&1 && continue
  [[ -f "${operator_crds[$crd]}" ]] || { echo "FAILED: ${operator_crds[$crd]} is missing (../shared/corpus from the repository root)"; exit 1; }
  # Kubernetes 1.20 (e2e/local-apiserver.sh) refuses the empty-string defaults newer generators write; the script
  # leaves out only those (see it), and an API server of 1.21 or later takes the CRD as it is
  if ((minor < 21)); then
    python3 e2e/crd-for-kubernetes-1.20.py <"${operator_crds[$crd]}" | k create -f - >/dev/null || exit 1
  else
    k create -f "${operator_crds[$crd]}" >/dev/null || exit 1
  fi
  [[ -n "${E2E_KEEP:-}" ]] || cleanup_steps+=("kubectl delete crd $crd --wait=false")
done
if ! k get crd policyreports.wgpolicyk8s.io >/dev/null 2>&1; then
  k apply -k k8s/crds/policyreport >/dev/null || exit 1
  [[ -n "${E2E_KEEP:-}" ]] || cleanup_steps+=("kubectl delete -k k8s/crds/policyreport --wait=false")
fi
# webhook configurations named cassguard that call anything but 127.0.0.1 belong to an install in the cluster: pointing
# them at this machine would take the guard away from the whole cluster
existing=$(k get validatingwebhookconfiguration cassguard -o jsonpath='{.webhooks[0].clientConfig.url}' 2>/dev/null) \
  || created_webhooks=1
if [[ -z "${created_webhooks:-}" && "$existing" != https://127.0.0.1:8443/* ]]; then
  echo "FAILED: this cluster has cassguard installed (its webhooks call ${existing:-the in-cluster Service}): e2e/run.sh"
  echo "  would point them at 127.0.0.1; run it against a cluster without the install"
  exit 1
fi
k apply "${validate[@]}" -k k8s/overlays/local >/dev/null || exit 1
if [[ -n "${created_webhooks:-}" && -z "${E2E_KEEP:-}" ]]; then
  cleanup_steps+=("kubectl delete validatingwebhookconfiguration cassguard; kubectl delete mutatingwebhookconfiguration cassguard")
fi
k wait --for condition=established --timeout=30s crd/cassandraclusters.db.orange.com crd/guardrailpolicies.cassguard.io \
  crd/cassandradatacenters.cassandra.datastax.com crd/k8ssandraclusters.k8ssandra.io >/dev/null

k apply -n "$ns" -f e2e/manifests/developer-role.yaml -f e2e/manifests/cass-operator-role.yaml >/dev/null
# Deletion protection refuses to delete the test objects: allow it, then delete them (before the namespace goes).
guarded=sts,cassandraclusters,cassandradatacenters,k8ssandraclusters
[[ -n "${E2E_KEEP:-}" ]] || cleanup_steps+=("kubectl annotate -n $ns $guarded --all cassguard.io/allow-delete=true --overwrite && kubectl delete -n $ns $guarded --all")

# the API server picks up new webhook configurations within seconds
for _ in $(seq 1 30); do
  mutated=$(k create -n "$ns" --dry-run=server -f e2e/manifests/statefulset.yaml \
    -o jsonpath='{.metadata.annotations.cassguard\.io/mutations}' 2>/dev/null)
  [[ -n "$mutated" ]] && break
  sleep 1
done
echo "namespace $ns; scenarios against cassguard in $mode mode:"

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
    if [[ "$output" == *Warning* ]]; then pass "$name"; else fail "$name" "accepted without a warning: $output"; fi
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

# --- cass-operator and k8ssandra-operator: their kinds, judged by the same rules ---
# No operator runs here: each object gets the status its operator would report once settled.
ready_status='{"cassandraOperatorProgress":"Ready","conditions":[{"type":"Ready","status":"True","reason":"Ready","message":"every node is ready"}]}'
settle_datacenter() {
  k patch -n "$ns" cassandradatacenter dc1 --subresource=status --type merge -p "{\"status\":$ready_status}" >/dev/null
}
settle_k8ssandra() {
  k patch -n "$ns" k8ssandracluster e2e --subresource=status --type merge \
    -p "{\"status\":{\"datacenters\":{\"dc1\":{\"cassandra\":$ready_status},\"dc2\":{\"cassandra\":$ready_status}}}}" >/dev/null
}

# Passes when the change is refused with exactly the rule id, and the object keeps its value of the field.
expect_refused() {
  local name="$1" rule="$2" resource="$3" field="$4" kept="$5"
  shift 5
  local output
  if output=$(k "$@" 2>&1); then
    fail "$name" "accepted: $output"
  elif [[ "$output" == *"[$rule]"* && "$(k get -n "$ns" "$resource" -o jsonpath="$field")" == "$kept" ]]; then
    pass "$name"
  else
    fail "$name" "$output"
  fi
}

expect_accepted() {
  local name="$1" resource="$2" field="$3" value="$4"
  shift 4
  local output
  if output=$(k "$@" 2>&1) && [[ "$(k get -n "$ns" "$resource" -o jsonpath="$field")" == "$value" ]]; then
    pass "$name"
  else
    fail "$name" "$output"
  fi
}

scenario_cassandradatacenter() {
  local output dc=cassandradatacenter/dc1
  output=$(k apply -n "$ns" -f e2e/manifests/cassandradatacenter.yaml 2>&1 && settle_datacenter 2>&1) \
    || { fail "a CassandraDatacenter is created" "$output"; return; }
  expect_accepted "CassandraDatacenter: size 3 -> 4 is allowed" "$dc" '{.spec.size}' 4 \
    patch -n "$ns" "$dc" --type merge -p '{"spec":{"size":4}}' "${developer[@]}"
  expect_refused "CassandraDatacenter: size 4 -> 2, below the replication factor 3, is refused with [min-dc-size]" \
    min-dc-size "$dc" '{.spec.size}' 4 patch -n "$ns" "$dc" --type merge -p '{"spec":{"size":2}}' "${developer[@]}"
  expect_refused "CassandraDatacenter: serverVersion 4.1.5 -> 4.0.13 is refused with [version-downgrade]" \
    version-downgrade "$dc" '{.spec.serverVersion}' 4.1.5 \
    patch -n "$ns" "$dc" --type merge -p '{"spec":{"serverVersion":"4.0.13"}}' "${developer[@]}"
  expect_refused "CassandraDatacenter: kubectl delete is refused with [deletion-protection], even for system:masters" \
    deletion-protection "$dc" '{.metadata.name}' dc1 delete -n "$ns" "$dc" --wait=false "${admin[@]}"
}

scenario_cass_operator_rack() {
  local uid output rack=statefulset/e2e-operated-dc1-r1-sts
  uid=$(k get -n "$ns" cassandradatacenter dc1 -o jsonpath='{.metadata.uid}')
  output=$(sed "s/OWNER_UID/$uid/" e2e/manifests/cass-operator-rack.yaml | k apply -n "$ns" -f - 2>&1) \
    || { fail "cass-operator's rack StatefulSet is created" "$output"; return; }
  expect_accepted "cass-operator's rack shrunk by cass-operator's service account is allowed (judged on its CassandraDatacenter)" \
    "$rack" '{.spec.replicas}' 2 patch -n "$ns" "$rack" --type merge -p '{"spec":{"replicas":2}}' \
    --as=system:serviceaccount:cass-operator:cass-operator-controller-manager --as-group=system:serviceaccounts
  expect_refused "cass-operator's rack scaled by a person is refused with [min-dc-size]" \
    min-dc-size "$rack" '{.spec.replicas}' 2 scale -n "$ns" "$rack" --replicas=1 "${developer[@]}"
}

scenario_k8ssandracluster() {
  local output cluster=k8ssandracluster/e2e
  output=$(k apply -n "$ns" -f e2e/manifests/k8ssandracluster.yaml 2>&1 && settle_k8ssandra 2>&1) \
    || { fail "a K8ssandraCluster is created" "$output"; return; }
  expect_accepted "K8ssandraCluster: dc1 from 3 to 4 nodes is allowed" "$cluster" \
    '{.spec.cassandra.datacenters[0].size}' 4 patch -n "$ns" "$cluster" --type json \
    -p '[{"op":"replace","path":"/spec/cassandra/datacenters/0/size","value":4}]' "${developer[@]}"
  expect_refused "K8ssandraCluster: dc2 from 3 to 2 nodes, below the replication factor 3, is refused with [min-dc-size]" \
    min-dc-size "$cluster" '{.spec.cassandra.datacenters[1].size}' 3 patch -n "$ns" "$cluster" --type json \
    -p '[{"op":"replace","path":"/spec/cassandra/datacenters/1/size","value":2}]' "${developer[@]}"
  expect_refused "K8ssandraCluster: serverVersion 4.1.5 -> 4.0.13 is refused with [version-downgrade]" \
    version-downgrade "$cluster" '{.spec.cassandra.serverVersion}' 4.1.5 patch -n "$ns" "$cluster" --type merge \
    -p '{"spec":{"cassandra":{"serverVersion":"4.0.13"}}}' "${developer[@]}"
  expect_refused "K8ssandraCluster: kubectl delete is refused with [deletion-protection], even for system:masters" \
    deletion-protection "$cluster" '{.metadata.name}' e2e delete -n "$ns" "$cluster" --wait=false "${admin[@]}"
}

# The slim controller (in-cluster mode only): the live state it decides from, the PolicyReport and policy status it
# writes as leader. Standalone there is no controller, and these scenarios say so.
in_cluster() {
  [[ "$mode" == in-cluster ]]
}

# Retries a check for up to 30 s: the controller writes on its next pass after a change.
eventually() {
  for _ in $(seq 1 30); do "$@" && return 0; sleep 1; done
  return 1
}

report_has_denial_and_background() {
  local rules
  rules=$(k get policyreport cassguard -n "$ns" -o jsonpath='{range .results[*]}{.rule}:{.result}:{.properties.origin}{"\n"}{end}' 2>/dev/null)
  [[ "$rules" == *"scale-down-step:fail:admission"* && "$rules" == *"version-unpinned:pass:background"* ]]
}

scenario_controller_state_and_report() {
  local name="in-cluster: GET /clusters shows the e2e datacenter, its PolicyReport holds the denials and background results"
  in_cluster || { skip "$name" "cassguard runs standalone; CASSGUARD_CLUSTER_MODE=in-cluster e2e/run.sh runs it with the controller"; return; }
  local auth=() clusters
  [[ -n "${CASSGUARD_AUDIT_TOKEN:-}" ]] && auth=(-H "Authorization: Bearer $CASSGUARD_AUDIT_TOKEN")
  clusters=$(curl -sS --cacert certs/ca.crt "${auth[@]}" "$url/clusters" 2>&1)
  if [[ "$clusters" != *"\"namespace\":\"$ns\",\"cluster\":\"e2e\",\"datacenter\":\"dc1\""* ]]; then
    fail "$name" "GET /clusters: $clusters"
  elif ! eventually report_has_denial_and_background; then
    fail "$name" "PolicyReport: $(k get policyreport cassguard -n "$ns" -o yaml 2>&1 | head -40)"
  else
    pass "$name"
  fi
}

policy_ready() {
  [[ "$(k get guardrailpolicy "$1" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}/{.status.observedGeneration}')" == "True/1" ]]
}

scenario_cluster_policy_in_force() {
  local name="in-cluster: a GuardrailPolicy applied to the cluster gets status Ready for its generation"
  in_cluster || { skip "$name" "cassguard runs standalone"; return; }
  local policy="$ns" output
  # a copy of the default policy below its priority, so that the default keeps deciding
  output=$(sed -e "s/^  name: default$/  name: $policy/" -e "s/^  priority: .*/  priority: -1/" policies/default.yaml \
    | k apply -f - 2>&1) || { fail "$name" "$output"; return; }
  [[ -n "${E2E_KEEP:-}" ]] || cleanup_steps+=("kubectl delete guardrailpolicy $policy")
  if eventually policy_ready "$policy"; then
    pass "$name"
  else
    fail "$name" "status: $(k get guardrailpolicy "$policy" -o jsonpath='{.status}' 2>&1)"
  fi
}

# What the API server's own authorizer says cassguard's ServiceAccount may do: SubjectAccessReviews against the
# RBAC of k8s/base. When cassguard is not installed, the objects of k8s/base/rbac.yaml that do not exist yet are
# created for the check (its Roles in the e2e namespace) and exactly those are deleted afterwards: a ClusterRole the
# cluster already has (e.g. cassguard-audit-reader, bound to people) is left alone.
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
  local own=cassguard created
  if ! k get clusterrole cassguard >/dev/null 2>&1; then
    # kubectl create makes what is absent, prints its names, and refuses (AlreadyExists) what is there
    created=$(kubectl create -n "$ns" -f k8s/base/rbac.yaml -o name 2>"$work/rbac.err")
    if grep -v -e AlreadyExists -e "version difference" "$work/rbac.err" | grep -q .; then
      fail "$name" "cannot create k8s/base/rbac.yaml: $(cat "$work/rbac.err")"
      return
    fi
    [[ -z "$created" || -n "${E2E_KEEP:-}" ]] || cleanup_steps+=("kubectl delete -n $ns ${created//$'\n'/ }")
    own="$ns"
  fi
  local wrong=() expected verb group resource sub namespace object
  while read -r expected verb group resource sub namespace object; do
    [[ "$namespace" == cassguard ]] && namespace="$own"
    [[ "$(can "$verb" "${group#-}" "$resource" "${sub#-}" "${namespace#-}" "${object#-}")" == "$expected" ]] \
      || wrong+=("$verb $group/$resource/$sub in '${namespace#-}' ${object#-}: expected $expected")
  done <<'CHECKS'
true  watch  apps                statefulsets      -      -         -
true  list   db.orange.com       cassandraclusters -      -         -
true  watch  cassandra.datastax.com cassandradatacenters - -     -
true  get    cassandra.datastax.com cassandradatacenters - team-a dc1
true  list   k8ssandra.io        k8ssandraclusters -      -         -
true  get    k8ssandra.io        k8ssandraclusters -      team-a    demo
false list   apiextensions.k8s.io customresourcedefinitions - - -
false update cassandra.datastax.com cassandradatacenters - team-a dc1
false delete k8ssandra.io        k8ssandraclusters -      team-a    demo
true  watch  cassguard.io        guardrailpolicies -      -         -
true  update cassguard.io        guardrailpolicies status -         default
true  create -                   events            -      team-a    -
true  watch  -                   events            -      -         -
true  delete wgpolicyk8s.io      policyreports     -      team-a    cassguard
true  patch  coordination.k8s.io leases            -      cassguard cassguard-leader
false patch  coordination.k8s.io leases            -      cassguard other-lease
true  watch  discovery.k8s.io    endpointslices    -      cassguard -
false list   discovery.k8s.io    endpointslices    -      team-a    -
true  get    -                   secrets           -      cassguard cassandra-credentials
false list   -                   secrets           -      cassguard -
false get    -                   secrets           -      team-a    cassandra-credentials
false update apps                statefulsets      -      team-a    rack1
false patch  apps                statefulsets      scale  team-a    rack1
false delete db.orange.com       cassandraclusters -      team-a    demo
false update cassguard.io        guardrailpolicies -      -         default
false create -                   pods              -      team-a    -
CHECKS
  if ((${#wrong[@]} == 0)); then pass "$name"; else fail "$name" "${wrong[*]}"; fi
}

scenario_apply_is_mutated
scenario_scale_refused
scenario_version_skip_refused
scenario_override_by_unauthorised_refused
scenario_override_by_authorised_accepted
scenario_audit_lists_refusals
scenario_cassandradatacenter
scenario_cass_operator_rack
scenario_k8ssandracluster
scenario_rbac_least_privilege
scenario_controller_state_and_report
scenario_cluster_policy_in_force

echo "e2e: $passed passed, $failed failed"
((failed == 0))

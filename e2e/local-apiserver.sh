#!/usr/bin/env bash
# A real Kubernetes API server on this machine, without Docker: etcd and kube-apiserver as plain processes on
# loopback, for e2e/run.sh where no cluster (kind, minikube, a real one) is at hand.
#
#   e2e/local-apiserver.sh start    # prints the KUBECONFIG to export
#   e2e/local-apiserver.sh stop
#
# Where the binaries come from (Debian bookworm; run as root):
#   etcd            Debian's etcd-server package (3.4)
#   kube-apiserver  built from Debian's kubernetes source package (1.20.2, with its vendored dependencies; Debian
#                   ships only kubectl from it) with Debian's golang-go, once, into e2e/.work/bin (15-30 min on
#                   2 cores, about 2 GB), with the vendored reflect2 replaced by Debian's fixed one (see below)
# It is an API server only: no scheduler, controllers or kubelet. Objects are stored and admission runs in full
# (webhooks included), but no pod ever starts and StatefulSet status is never written. Kubernetes 1.20 knows no
# matchConditions (1.27+) and does not label namespaces with kubernetes.io/metadata.name (1.21+), so there every
# request reaches the webhooks; e2e/run.sh says so when it applies the overlay.
set -euo pipefail
cd "$(dirname "$0")"
work="$PWD/.work"
bin="$work/bin"
state="$work/apiserver"
etcd_port=23790
api_port=16443

need_packages() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if ((${#missing[@]})); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build_apiserver() {
  [[ -x "$bin/kube-apiserver" ]] && return
  need_packages golang-go rsync dpkg-dev golang-github-modern-go-reflect2-dev
  local source="$work/kubernetes-source"
  mkdir -p "$source" "$bin"
  if ! compgen -G "$source/kubernetes-*/cmd/kube-apiserver" >/dev/null; then
    # the source package (deb-src) of Debian's kubectl, from Debian's own archive
    local list=/etc/apt/sources.list.d/cassguard-e2e-deb-src.list
    echo "deb-src http://deb.debian.org/debian bookworm main" >"$list"
    apt-get update -qq
    (cd "$source" && apt-get source --download-only -qq kubernetes)
    rm -f "$list"
    apt-get update -qq
    tar -C "$source" -xzf "$source"/kubernetes_*.orig.tar.gz
  fi
  local tree
  tree=$(ls -d "$source"/kubernetes-*/ | head -1)
  # Kubernetes 1.20 vendors reflect2 1.0.1, which crashes (SIGSEGV in mapiterinit) when built with Go >= 1.18, the
  # only Go Debian bookworm has; reflect2 1.0.2 (Debian's package) is the upstream fix and the same API.
  rm -rf "$tree/vendor/github.com/modern-go/reflect2"
  cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 "$tree/vendor/github.com/modern-go/reflect2"
  rm -f "$tree/vendor/github.com/modern-go/reflect2/go.mod"
  echo "building kube-apiserver from $tree (once; takes a while)" >&2
  (cd "$tree" && mkdir -p .go/src/k8s.io && ln -sfn ../../.. .go/src/k8s.io/kubernetes \
    && env GOPATH="$tree/.go" CGO_ENABLED=0 HOME="$work" make WHAT=cmd/kube-apiserver >"$work/kube-apiserver-build.log" 2>&1)
  cp "$tree/_output/bin/kube-apiserver" "$bin/kube-apiserver"
}

start() {
  need_packages etcd-server openssl
  build_apiserver
  mkdir -p "$state"
  if [[ ! -f "$state/ca.crt" ]]; then
    # serving certificate of the API server, and the service-account signing key
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=cassguard-e2e-apiserver-ca" \
      -keyout "$state/ca.key" -out "$state/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout "$state/apiserver.key" \
      -out "$state/apiserver.csr" 2>/dev/null
    openssl x509 -req -in "$state/apiserver.csr" -CA "$state/ca.crt" -CAkey "$state/ca.key" -CAcreateserial \
      -days 365 -out "$state/apiserver.crt" \
      -extfile <(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n') 2>/dev/null
    openssl genrsa -out "$state/sa.key" 2048 2>/dev/null
    openssl rsa -in "$state/sa.key" -pubout -out "$state/sa.pub" 2>/dev/null
    # one administrator (group system:masters), authenticated by a static token
    echo "$(openssl rand -hex 24),cassguard-e2e-admin,cassguard-e2e-admin,\"system:masters\"" >"$state/tokens.csv"
  fi
  if ! curl -sf "http://127.0.0.1:$etcd_port/health" >/dev/null; then
    etcd --name e2e --data-dir "$state/etcd" \
      --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
      --listen-peer-urls "http://127.0.0.1:$((etcd_port + 10))" \
      --initial-advertise-peer-urls "http://127.0.0.1:$((etcd_port + 10))" \
      --initial-cluster "e2e=http://127.0.0.1:$((etcd_port + 10))" >"$state/etcd.log" 2>&1 &
    echo $! >"$state/etcd.pid"
  fi
  if ! curl -sfk "https://127.0.0.1:$api_port/healthz" >/dev/null 2>&1; then
    "$bin/kube-apiserver" \
      --etcd-servers "http://127.0.0.1:$etcd_port" \
      --bind-address 127.0.0.1 --secure-port "$api_port" \
      --tls-cert-file "$state/apiserver.crt" --tls-private-key-file "$state/apiserver.key" \
      --token-auth-file "$state/tokens.csv" \
      --authorization-mode RBAC \
      --service-account-issuer https://kubernetes.default.svc \
      --service-account-key-file "$state/sa.pub" --service-account-signing-key-file "$state/sa.key" \
      --service-cluster-ip-range 10.96.0.0/16 \
      --disable-admission-plugins ServiceAccount \
      >"$state/kube-apiserver.log" 2>&1 &
    echo $! >"$state/kube-apiserver.pid"
  fi
  for _ in $(seq 1 120); do
    curl -sfk "https://127.0.0.1:$api_port/readyz" >/dev/null 2>&1 && break
    sleep 1
  done
  local token
  token=$(cut -d, -f1 "$state/tokens.csv")
  KUBECONFIG="$state/kubeconfig" kubectl config set-cluster e2e --server "https://127.0.0.1:$api_port" \
    --certificate-authority "$state/ca.crt" --embed-certs >/dev/null
  KUBECONFIG="$state/kubeconfig" kubectl config set-credentials e2e-admin --token "$token" >/dev/null
  KUBECONFIG="$state/kubeconfig" kubectl config set-context e2e --cluster e2e --user e2e-admin >/dev/null
  KUBECONFIG="$state/kubeconfig" kubectl config use-context e2e >/dev/null
  KUBECONFIG="$state/kubeconfig" kubectl version --request-timeout=5s >/dev/null
  echo "export KUBECONFIG=$state/kubeconfig"
}

stop() {
  for process in kube-apiserver etcd; do
    if [[ -f "$state/$process.pid" ]]; then
      kill "$(cat "$state/$process.pid")" 2>/dev/null || true
      rm -f "$state/$process.pid"
    fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Makes a development CA and a serving certificate for cassguard in this directory (or $1):
#   ca.crt ca.key    the CA; ca.crt is the caBundle of the local webhook overlay
#   tls.crt tls.key  the serving certificate, for localhost, 127.0.0.1 and cassguard.cassguard.svc
# The service makes the same files itself on a standalone start when they are missing. Never commit the keys.
# An existing CA is kept (unless FORCE=1): remove tls.crt and tls.key to get a new serving certificate that the
# caBundle of k8s/overlays/local, which is ca.crt, still trusts.
set -euo pipefail
dir="${1:-$(dirname "$0")}"
cd "$dir"
if [[ -f tls.crt && -f tls.key && "${FORCE:-}" != "1" ]]; then
  echo "tls.crt and tls.key exist in $dir (FORCE=1 to remake them)"
  exit 0
fi
if [[ ! -f ca.crt || ! -f ca.key || "${FORCE:-}" == "1" ]]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 \
    -subj "/CN=cassguard development CA" -keyout ca.key -out ca.crt \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign"
fi
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -subj "/CN=cassguard.cassguard.svc" -keyout tls.key -out tls.csr
openssl x509 -req -in tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 -out tls.crt \
  -extfile <(printf '%s\n' \
    "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" \
    "subjectAltName=DNS:localhost,DNS:cassguard,DNS:cassguard.cassguard.svc,DNS:cassguard.cassguard.svc.cluster.local,IP:127.0.0.1,IP:::1")
rm -f tls.csr ca.srl
chmod 600 ca.key tls.key
echo "made tls.crt and tls.key (signed by ca.crt) in $dir"

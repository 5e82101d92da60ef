# Sourced by the benchmark scripts. Another process on a port the service is started on would answer the
# readiness check and the load instead of the service started there.
require_free_ports() { # ports...
  local port
  for port in "$@"; do
    if [[ -n "$(ss -Hltn "sport = :$port")" ]]; then
      echo "port $port is in use; stop what listens there first:" >&2
      ss -Hltnp "sport = :$port" >&2
      exit 1
    fi
  done
}

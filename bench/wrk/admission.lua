-- wrk script for cassguard: POSTs AdmissionReviews over keep-alive HTTPS.
-- Arguments: one or more PATH=FILE pairs (e.g. /validate=bench/fixtures/validate-deny.json); several pairs are
-- sent round-robin (the mixed scenario). WRK_DELAY_MS paces each connection for a fixed-rate run.
local requests = {}
local next_index = 0

function init(args)
  for _, pair in ipairs(args) do
    local path, file = pair:match("^([^=]+)=(.+)$")
    local handle = assert(io.open(file, "rb"), "cannot read " .. file)
    local body = handle:read("*a")
    handle:close()
    table.insert(requests, wrk.format("POST", path, { ["Content-Type"] = "application/json" }, body))
  end
end

function request()
  next_index = next_index % #requests + 1
  return requests[next_index]
end

local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")
if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

-- One machine-readable line; latencies in milliseconds.
function done(summary, latency, _)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("RESULT rps=%.0f p50=%.2f p95=%.2f p99=%.2f max=%.2f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors, summary.requests))
end

-- wrk script for cassguard: POSTs AdmissionReviews over keep-alive HTTPS and checks every answer.
-- Arguments: one or more PATH=FILE=EXPECT triples, e.g. /validate=bench/fixtures/validate-deny.json=denied;
-- several are sent round-robin (the mixed scenario). EXPECT is the decision the answer must carry:
--   allowed  "allowed":true without a patch      denied  "allowed":false with code 403
--   mutated  "allowed":true with a JSON Patch
-- An answer that is not HTTP 200, not an AdmissionReview for the request's uid, or not the expected decision is
-- counted as a bad answer, so that a run of error pages cannot pass for a benchmark.
-- WRK_RATE (requests/s over the WRK_THREADS threads of wrk -t) paces the requests to a fixed rate; 0 or unset: as fast
-- as possible.
local ffi = require("ffi")

local requests = {}
local expected = {} -- uid -> decision
local next_index = 0
bad = 0 -- read by done() through thread:get

local checks = {
  allowed = function(body) return body:find('"allowed":true', 1, true) and not body:find('"patch"', 1, true) end,
  denied = function(body) return body:find('"allowed":false', 1, true) and body:find('"code":403', 1, true) end,
  mutated = function(body)
    return body:find('"allowed":true', 1, true) and body:find('"patchType":"JSONPatch"', 1, true)
  end,
}

function init(args)
  for _, triple in ipairs(args) do
    local path, file, expect = triple:match("^([^=]+)=([^=]+)=(%a+)$")
    assert(path and checks[expect], "expected PATH=FILE=allowed|denied|mutated, got " .. triple)
    local handle = assert(io.open(file, "rb"), "cannot read " .. file)
    local body = handle:read("*a")
    handle:close()
    local uid = assert(body:match('"request":{"uid":"([^"]+)"'), file .. ": the request must start with its uid")
    expected[uid] = expect
    table.insert(requests, wrk.format("POST", path, { ["Content-Type"] = "application/json" }, body))
  end
end

function request()
  next_index = next_index % #requests + 1
  return requests[next_index]
end

function response(status, _, body)
  local uid = status == 200 and body:match('"uid":"([^"]+)"')
  local check = uid and checks[expected[uid]]
  if not (check and check(body)) then
    if bad == 0 then
      io.stderr:write("unexpected answer (HTTP " .. status .. "): " .. body:sub(1, 300) .. "\n")
    end
    bad = bad + 1
  end
end

-- Fixed rate: each thread hands out send times one interval apart; a connection waits for its slot.
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } cassguard_timespec;
  int clock_gettime(int clock, cassguard_timespec *time);
]]
local now_ts = ffi.new("cassguard_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, now_ts) -- CLOCK_MONOTONIC
  return tonumber(now_ts.tv_sec) * 1000 + tonumber(now_ts.tv_nsec) / 1e6
end

local rate = tonumber(os.getenv("WRK_RATE") or "0")
if rate > 0 then
  local interval = tonumber(os.getenv("WRK_THREADS") or "1") / rate * 1000 -- ms between two sends of a thread
  local next_slot
  function delay()
    local now = now_ms()
    local slot = math.max(next_slot or now, now - 100) -- after a stall, catch up with at most 100 ms of burst
    next_slot = slot + interval
    return math.max(0, slot - now)
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- One machine-readable line; latencies in milliseconds; errors = socket errors + timeouts + bad answers.
function done(summary, latency, _)
  local e = summary.errors
  local answers_bad = 0
  for _, thread in ipairs(threads) do
    answers_bad = answers_bad + thread:get("bad")
  end
  local socket = e.connect + e.read + e.write + e.timeout
  io.write(string.format(
    "RESULT rps=%.0f p50=%.2f p95=%.2f p99=%.2f max=%.2f errors=%d requests=%d socket=%d timeout=%d bad=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, socket + answers_bad, summary.requests, e.connect + e.read + e.write, e.timeout, answers_bad))
end

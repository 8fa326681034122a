-- wrk script for bench/proxy-load.sh: POSTs one chat completion request (BODY_FILE, default
-- bench/chat-4k.json) and prints one machine-readable RESULT line at the end.
-- DELAY_MS > 0 paces each connection (wait that long after each response), which with a fixed
-- connection count gives a roughly fixed request rate; 0 runs flat out (saturation).
local body_file = os.getenv("BODY_FILE") or "bench/chat-4k.json"
local f = assert(io.open(body_file, "rb"))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench-placeholder-token"

local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d socket_errors=%d non2xx=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end
